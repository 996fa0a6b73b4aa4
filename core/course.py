"""The course's worked examples, each named after the seed's step, defined once.

Tests and pages take the numbers from here. Weights use the seed's dict layout
('node_0', 'node_1', 'output') where the seed does.
"""

import numpy as np

# 1.7 [quiz-1] Calculating model errors. The seed's diagram is lost; these weights
# give the seed's answer: prediction 16 for input [3, 2], so error 16 - 5 = 11.
# node_1 receives -3 + 2 = -1, so ReLU turns it off.
QUIZ_1_7_INPUT = np.array([3.0, 2.0])
QUIZ_1_7_WEIGHTS = {
    "node_0": np.array([2.0, 1.0]),
    "node_1": np.array([-1.0, 1.0]),
    "output": np.array([2.0, 3.0]),
}
QUIZ_1_7_TARGET = 5.0
QUIZ_1_7_CHOICES = (5, 6, 11, 16)
QUIZ_1_7_ANSWER = 11

# 1.8 [quiz-2] How weights change accuracy: target 7, weight node_0 -> output is 2.
# Hidden values 5 and 1, prediction 2 * 5 - 1 * 1 = 9: already above 7, so raising
# the weight to 2.01 makes it 9.05, less accurate.
QUIZ_1_8_INPUT = np.array([2.0, 3.0])
QUIZ_1_8_WEIGHTS = {
    "node_0": np.array([1.0, 1.0]),
    "node_1": np.array([-1.0, 1.0]),
    "output": np.array([2.0, -1.0]),
}
QUIZ_1_8_TARGET = 7.0
QUIZ_1_8_NEW_OUTPUT_WEIGHT_0 = 2.01
QUIZ_1_8_CHOICES = ("More accurate.", "Less accurate.", "Stay the same.")
QUIZ_1_8_ANSWER = "Less accurate."

# 1.9 [task-1] Coding how weight changes affect the accuracy: errors 6 and 0.
TASK_1_9_INPUT = np.array([0.0, 3.0])
TASK_1_9_WEIGHTS_0 = {
    "node_0": np.array([2.0, 1.0]),
    "node_1": np.array([1.0, 2.0]),
    "output": np.array([1.0, 1.0]),
}
TASK_1_9_WEIGHTS_1 = {
    "node_0": np.array([2.0, 1.0]),
    "node_1": np.array([1.0, 0.0]),
    "output": np.array([1.0, 1.0]),
}
TASK_1_9_TARGET = 3.0
TASK_1_9_ERRORS = (6, 0)

# 1.10 [task-2] Scaling up to multiple data points: MSE 37.5 and 49.890625.
TASK_1_10_INPUT_DATA = np.array([[0.0, 3.0], [1.0, 2.0], [-1.0, -2.0], [4.0, 0.0]])
TASK_1_10_WEIGHTS_0 = {
    "node_0": np.array([2.0, 1.0]),
    "node_1": np.array([1.0, 2.0]),
    "output": np.array([1.0, 1.0]),
}
TASK_1_10_WEIGHTS_1 = {
    "node_0": np.array([2.0, 1.0]),
    "node_1": np.array([1.0, 1.5]),
    "output": np.array([1.0, 1.5]),
}
TASK_1_10_TARGETS = np.array([1.0, 3.0, 5.0, 7.0])
TASK_1_10_MSE = (37.5, 49.890625)

# 2.2 [note-2] Slope calculation example: one weight 2, input 3, target 10,
# slope 2 * (6 - 10) * 3 = -24, new weight 2 - 0.01 * (-24) = 2.24.
NOTE_2_2_WEIGHT = 2.0
NOTE_2_2_INPUT = 3.0
NOTE_2_2_TARGET = 10.0
NOTE_2_2_LEARNING_RATE = 0.01
NOTE_2_2_SLOPE = -24.0
NOTE_2_2_NEW_WEIGHT = 2.24

# 2.4 [code-1] Calculate slopes and update weights: error 5, gradient [30, 40],
# updated error 2.5.
CODE_2_4_WEIGHTS = np.array([1.0, 2.0])
CODE_2_4_INPUT = np.array([3.0, 4.0])
CODE_2_4_TARGET = 6.0
CODE_2_4_LEARNING_RATE = 0.01
CODE_2_4_ERROR = 5.0
CODE_2_4_GRADIENT = np.array([30.0, 40.0])
CODE_2_4_UPDATED_ERROR = 2.5

# 2.5-2.7 [task-1..3] Calculating slopes, improving weights, many updates:
# slope [14, 28, 42]; error 7 then 5.04; 20 updates at rate 0.01.
TASK_2_5_INPUT = np.array([1.0, 2.0, 3.0])
TASK_2_5_WEIGHTS = np.array([0.0, 2.0, 1.0])
TASK_2_5_TARGET = 0.0
TASK_2_5_SLOPE = np.array([14.0, 28.0, 42.0])
TASK_2_6_LEARNING_RATE = 0.01
TASK_2_6_ERROR = 7.0
TASK_2_6_UPDATED_ERROR = 5.04
TASK_2_7_N_UPDATES = 20
TASK_2_7_LEARNING_RATE = 0.01

# 3.3 [quiz-1] 4 rounds of backward propagation and updates need 4 forward passes.
QUIZ_3_3_CHOICES = (0, 1, 4, 8)
QUIZ_3_3_ANSWER = 4

# 3.4 [quiz-2] Zero errors: every weight's update is 0.
QUIZ_3_4_CHOICES = (
    "The updates to all weights in the network would also be 0.",
    "The updates to all weights in the network would be dependent on the "
    "activation functions.",
    "The updates to all weights in the network would be proportional to values "
    "from the input data.",
)
QUIZ_3_4_ANSWER = QUIZ_3_4_CHOICES[0]

# 4.4 [quiz-1] A round of backpropagation: the weight is fed by a node of value 3
# and feeds a node whose loss slope is 2, in ReLU's positive region: slope 3*2*1 = 6.
QUIZ_4_4_CHOICES = ("0", "2", "6", "Not enough information.")
QUIZ_4_4_ANSWER = "6"
QUIZ_4_4_FEEDING_VALUE = 3.0
QUIZ_4_4_FED_SLOPE = 2.0
QUIZ_4_4_SLOPE = 6.0

# ---------------------------------------------------------------------------------
# Backprop page (chapters 3-4): a live network that reproduces quiz 4.4.
# ---------------------------------------------------------------------------------
# The seed's 2-2-1 ReLU network (seed dict layout, no biases) on one point. Forward:
# node_0 gets 1*1 + 1*3 = 4, node_1 gets -1*1 + 1*3 = 2 (positive, ReLU slope 1);
# prediction 0.5*4 + 2*2 = 6, target 5.5, error 0.5. Backward: the output's loss
# slope is 2 * 0.5 = 1; node_1's is its weight to the output times that, 2 * 1 = 2.
# The weight input_1 -> node_1 is fed by input_1 = 3 (QUIZ_4_4_FEEDING_VALUE), feeds
# node_1 with loss slope 2 (QUIZ_4_4_FED_SLOPE), so its slope is 3 * 2 * 1 = 6.
QUIZ_4_4_INPUT = np.array([1.0, 3.0])
QUIZ_4_4_WEIGHTS = {
    "node_0": np.array([1.0, 1.0]),
    "node_1": np.array([-1.0, 1.0]),
    "output": np.array([0.5, 2.0]),
}
QUIZ_4_4_TARGET = 5.5
# The weight with the question mark: (layer, source, target) = input_1 -> node_1.
QUIZ_4_4_WEIGHT = (1, 1, 1)
