"""The course's five coding tasks: what to do, what is pre-loaded, the scaffold with its
``____`` blanks (the seed's task code), the solution and the hints.

The numbers come from ``core.course``, named after the seed's steps. Integral numbers
are pre-loaded as integers, as the course writes them, so that ``print(slope)`` shows
the course's ``[14 28 42]``.
"""

from dataclasses import dataclass

import numpy as np

import core
from core import course

from .formatting import literal
from .safe_numpy import safe_numpy


@dataclass(frozen=True)
class Task:
    """One coding task of the course.

    task_id : "1.9", "1.10", "2.5", "2.6" or "2.7", the seed's step
    title : the seed's title of the step
    statement : what to do, in our words (Markdown)
    data : dict name -> value, the pre-loaded data (copied for every run)
    functions : dict name -> one line saying what the pre-loaded function does
    scaffold : the code the editor starts with, blanks written ``____``
    solution : the seed's task code, the plot of 2.7 left out
    hints : from a nudge to nearly the answer
    """

    task_id: str
    title: str
    statement: str
    data: dict
    functions: dict
    scaffold: str
    solution: str
    hints: tuple

    def preloaded(self):
        """(name, description) of every pre-loaded name, data first, ``np`` last."""
        names = [(name, f"`{name} = {literal(value)}`") for name, value in self.data.items()]
        names += [(name, text) for name, text in self.functions.items()]
        return names + [("np", "numpy's maths (`np.array`, `np.mean`, `np.sum`, ...); "
                               "nothing that reads or writes files")]


def _course_value(value):
    """A core.course constant as the course writes it: integral floats as ints."""
    if isinstance(value, dict):
        return {key: _course_value(item) for key, item in value.items()}
    array = np.asarray(value)
    if array.dtype.kind == "f" and np.all(array == np.round(array)):
        array = array.astype(np.int64)
    return array if array.ndim else array.item()


def _copy(value):
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value.copy() if isinstance(value, np.ndarray) else value


_NETWORK_FUNCTIONS = {
    "predict_with_network": "`predict_with_network(input_data_point, weights)`: the "
                            "network's prediction for one data point (ReLU on every node)",
    "relu": "`relu(my_input)`: `max(0, my_input)`",
}
_LINEAR_FUNCTIONS = {
    "get_error": "`get_error(input_data, target, weights)`: "
                 "`(weights * input_data).sum() - target`",
    "get_slope": "`get_slope(input_data, target, weights)`: `2 * input_data * error`",
    "get_mse": "`get_mse(input_data, target, weights)`: `np.mean(error ** 2)`",
}


TASK_1_9 = Task(
    task_id="1.9",
    title="Coding how weight changes affect the accuracy",
    statement=(
        "The network makes a prediction for one data point, `input_data`, whose actual "
        "target value is `target_actual` (3). Make the prediction with the original "
        "weights `weights_0` and compute its error, **predicted − actual**. Then create "
        "`weights_1`, a change of one weight that makes the network predict exactly 3 "
        "(a perfect prediction), and compute that prediction and its error."
    ),
    data={
        "input_data": _course_value(course.TASK_1_9_INPUT),
        "weights_0": _course_value(course.TASK_1_9_WEIGHTS_0),
        "target_actual": _course_value(course.TASK_1_9_TARGET),
    },
    functions=_NETWORK_FUNCTIONS,
    scaffold="""\
# Make prediction using original weights
model_output_0 = predict_with_network(____, ____)

# Calculate error: error_0
error_0 = ____ - ____

# Create weights that cause the network to make perfect prediction (3): weights_1
weights_1 = {'node_0': [2, 1],
             'node_1': [1, ____],
             'output': [1, 1]
            }

# Make prediction using new weights: model_output_1
model_output_1 = ____

# Calculate error: error_1
error_1 = ____

# Print error_0 and error_1
print(error_0)
print(error_1)
""",
    solution="""\
# Make prediction using original weights
model_output_0 = predict_with_network(input_data, weights_0)

# Calculate error: error_0
error_0 = model_output_0 - target_actual

# Create weights that cause the network to make perfect prediction (3): weights_1
weights_1 = {'node_0': [2, 1],
             'node_1': [1, 0],
             'output': [1, 1]
            }

# Make prediction using new weights: model_output_1
model_output_1 = predict_with_network(input_data, weights_1)

# Calculate error: error_1
error_1 = model_output_1 - target_actual

# Print error_0 and error_1
print(error_0)
print(error_1)
""",
    hints=(
        "`predict_with_network` takes the data point first, then the weights.",
        "The error is the prediction minus the actual value: "
        "`model_output_0 - target_actual`.",
        "With `weights_0` node_1 receives 0 × 1 + 3 × 2 = 6 and adds 6 to the output. "
        "A second weight of 0 for node_1 turns it off, and the output is node_0's 3.",
    ),
)

TASK_1_10 = Task(
    task_id="1.10",
    title="Scaling up to multiple data points",
    statement=(
        "Now there are four data points, `input_data`, with actual targets "
        "`target_actuals`. Make a list of the network's predictions for every point, "
        "once with `weights_0` (`model_output_0`) and once with `weights_1` "
        "(`model_output_1`). Then compare each list with the targets by its **mean "
        "squared error**: `mse_0` and `mse_1`. Which weights are more accurate?"
    ),
    data={
        "input_data": [_course_value(row) for row in course.TASK_1_10_INPUT_DATA],
        "weights_0": _course_value(course.TASK_1_10_WEIGHTS_0),
        "weights_1": _course_value(course.TASK_1_10_WEIGHTS_1),
        "target_actuals": _course_value(course.TASK_1_10_TARGETS).tolist(),
    },
    functions={
        **_NETWORK_FUNCTIONS,
        "mean_squared_error": "`mean_squared_error(actual, predicted)`: "
                              "`np.mean((actual - predicted) ** 2)`, as scikit-learn's "
                              "(the course imports it from `sklearn.metrics`)",
    },
    scaffold="""\
# mean_squared_error is pre-loaded (the course imports it from sklearn.metrics)

# Create model_output_0
model_output_0 = []
# Create model_output_1
model_output_1 = []

# Loop over input_data
for row in input_data:
    # Append prediction to model_output_0
    model_output_0.append(____)

    # Append prediction to model_output_1
    model_output_1.append(____)

# Calculate the mean squared error for model_output_0: mse_0
mse_0 = ____

# Calculate the mean squared error for model_output_1: mse_1
mse_1 = ____

# Print mse_0 and mse_1
print("Mean squared error with weights_0: %f" % mse_0)
print("Mean squared error with weights_1: %f" % mse_1)
""",
    solution="""\
# mean_squared_error is pre-loaded (the course imports it from sklearn.metrics)

# Create model_output_0
model_output_0 = []
# Create model_output_1
model_output_1 = []

# Loop over input_data
for row in input_data:
    # Append prediction to model_output_0
    model_output_0.append(predict_with_network(row, weights_0))

    # Append prediction to model_output_1
    model_output_1.append(predict_with_network(row, weights_1))

# Calculate the mean squared error for model_output_0: mse_0
mse_0 = mean_squared_error(target_actuals, model_output_0)

# Calculate the mean squared error for model_output_1: mse_1
mse_1 = mean_squared_error(target_actuals, model_output_1)

# Print mse_0 and mse_1
print("Mean squared error with weights_0: %f" % mse_0)
print("Mean squared error with weights_1: %f" % mse_1)
""",
    hints=(
        "Inside the loop, `row` is one data point: `predict_with_network(row, weights_0)`.",
        "`mean_squared_error(target_actuals, model_output_0)` averages the squared "
        "errors of the four points.",
        "Both appends belong inside the loop (indented), one prediction per point "
        "and per list.",
    ),
)

TASK_2_5 = Task(
    task_id="2.5",
    title="Calculating slopes",
    statement=(
        "A model without hidden layers predicts `(weights * input_data).sum()` for one "
        "data point whose target is `target`. Compute the prediction `preds`, its error "
        "(predicted − actual) and the **slope** of the mean squared error for each "
        "weight: 2 × the input feeding the weight × the error."
    ),
    data={
        "input_data": _course_value(course.TASK_2_5_INPUT),
        "weights": _course_value(course.TASK_2_5_WEIGHTS),
        "target": _course_value(course.TASK_2_5_TARGET),
    },
    functions={},
    scaffold="""\
# Calculate the predictions: preds
preds = ____

# Calculate the error: error
error = ____ - ____

# Calculate the slope: slope
slope = ____

# Print the slope
print(slope)
""",
    solution="""\
# Calculate the predictions: preds
preds = (weights * input_data).sum()

# Calculate the error: error
error = preds - target

# Calculate the slope: slope
slope = 2 * error * input_data

# Print the slope
print(slope)
""",
    hints=(
        "Multiply the weights by the inputs element by element, then `.sum()` them.",
        "The slope of the MSE with respect to the prediction is 2 × error; each "
        "weight's slope multiplies that by the input the weight multiplies.",
        "`slope = 2 * error * input_data` gives one slope per weight.",
    ),
)

TASK_2_6 = Task(
    task_id="2.6",
    title="Improving model weights",
    statement=(
        "Use the slope to improve the weights: take a small step **downhill**, "
        "subtracting the learning rate × the slope from the weights. Then make the "
        "prediction again with the updated weights and compare the errors before and "
        "after the update."
    ),
    data=dict(TASK_2_5.data),
    functions={},
    scaffold="""\
# Set the learning rate: learning_rate
learning_rate = 0.01

# Calculate the predictions: preds
preds = (weights * input_data).sum()

# Calculate the error: error
error = preds - target

# Calculate the slope: slope
slope = 2 * input_data * error

# Update the weights: weights_updated
weights_updated = ____

# Get updated predictions: preds_updated
preds_updated = ____

# Calculate updated error: error_updated
error_updated = ____

# Print the original error
print(error)

# Print the updated error
print(error_updated)
""",
    solution="""\
# Set the learning rate: learning_rate
learning_rate = 0.01

# Calculate the predictions: preds
preds = (weights * input_data).sum()

# Calculate the error: error
error = preds - target

# Calculate the slope: slope
slope = 2 * input_data * error

# Update the weights: weights_updated
weights_updated = weights - learning_rate * slope

# Get updated predictions: preds_updated
preds_updated = (weights_updated * input_data).sum()

# Calculate updated error: error_updated
error_updated = preds_updated - target

# Print the original error
print(error)

# Print the updated error
print(error_updated)
""",
    hints=(
        "Going opposite the slope means subtracting it: `weights - learning_rate * slope`.",
        "The updated prediction uses `weights_updated`, not `weights`.",
        "The updated error is `preds_updated - target`; it should be smaller than 7.",
    ),
)

TASK_2_7 = Task(
    task_id="2.7",
    title="Making multiple updates to weights",
    statement=(
        "Repeat the update of task 2.6 20 times (`n_updates`), with a learning rate of "
        "0.01. In each update, compute the slope with `get_slope`, update the weights, "
        "compute the mean squared error of the new weights with `get_mse` and append it "
        "to `mse_hist`. The page plots your `mse_hist` (the course uses matplotlib, "
        "which is not available here)."
    ),
    data=dict(TASK_2_5.data),
    functions=_LINEAR_FUNCTIONS,
    scaffold="""\
n_updates = 20
mse_hist = []

# Iterate over the number of updates
for i in range(n_updates):
    # Calculate the slope: slope
    slope = ____(input_data, target, weights)

    # Update the weights: weights
    weights = ____ - 0.01 * ____

    # Calculate mse with new weights: mse
    mse = ____(input_data, target, weights)

    # Append the mse to mse_hist
    ____

# The page plots your mse_hist (the course plots it with matplotlib)
""",
    solution="""\
n_updates = 20
mse_hist = []

# Iterate over the number of updates
for i in range(n_updates):
    # Calculate the slope: slope
    slope = get_slope(input_data, target, weights)

    # Update the weights: weights
    weights = weights - 0.01 * slope

    # Calculate mse with new weights: mse
    mse = get_mse(input_data, target, weights)

    # Append the mse to mse_hist
    mse_hist.append(mse)

# The page plots your mse_hist (the course plots it with matplotlib)
""",
    hints=(
        "The three pre-loaded functions take the same arguments: "
        "`(input_data, target, weights)`.",
        "Each update is `weights = weights - 0.01 * slope`, with the slope of the "
        "current weights, computed first.",
        "`mse_hist.append(mse)` inside the loop records one MSE per update: 20 in all.",
    ),
)

TASKS = {task.task_id: task for task in (TASK_1_9, TASK_1_10, TASK_2_5, TASK_2_6, TASK_2_7)}
TASK_IDS = tuple(TASKS)

def seed_relu(my_input):
    """The course's own relu (task 1.9's pre-loaded code): ``max(0, my_input)``, which
    keeps the input's type, so an integer prints as the course prints it."""
    return max(0, my_input)


def seed_predict_with_network(input_data_point, weights):
    """The course's own predict_with_network (task 1.9's pre-loaded code), line for
    line: numbers keep their types (the seed's integer data prints 6, not 6.0). The
    input is first checked by ``core.predict_with_network`` (same value, float64), so
    a bad argument gets the core's clear message."""
    core.predict_with_network(input_data_point, weights)
    node_0_input = (input_data_point * np.asarray(weights["node_0"])).sum()
    node_0_output = seed_relu(node_0_input)

    node_1_input = (input_data_point * np.asarray(weights["node_1"])).sum()
    node_1_output = seed_relu(node_1_input)

    hidden_layer_values = np.array([node_0_output, node_1_output])
    input_to_final_layer = (hidden_layer_values * np.asarray(weights["output"])).sum()
    return seed_relu(input_to_final_layer)


# The functions the tasks pre-load: the course's own network code, and the linear
# model's functions and the MSE from the course's library.
_FUNCTIONS = {
    "predict_with_network": seed_predict_with_network,
    "relu": seed_relu,
    "mean_squared_error": core.mean_squared_error,
    "get_error": core.get_error,
    "get_slope": core.get_slope,
    "get_mse": core.get_mse,
}


def get_task(task_id):
    """The task with this id. Raises ValueError naming the valid ids."""
    if task_id not in TASKS:
        raise ValueError(f"task_id must be one of {list(TASK_IDS)}, got {task_id!r}.")
    return TASKS[task_id]


def preloaded_namespace(task_id):
    """The names the learner's code starts with: fresh copies of the data, the
    course's functions and the allowlisted ``np``."""
    task = get_task(task_id)
    namespace = {name: _copy(value) for name, value in task.data.items()}
    namespace.update({name: _FUNCTIONS[name] for name in task.functions})
    namespace["np"] = safe_numpy()
    return namespace
