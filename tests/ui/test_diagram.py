"""ui.diagram: what the network diagram is sent (names, values, inputs, slopes, the
switched-off ReLUs, the weights and the picked ones), the ids a click reports, and the
course's names of nodes and weights."""

import numpy as np
import pytest

import core
from core.course import QUIZ_4_4_INPUT, QUIZ_4_4_TARGET, QUIZ_4_4_WEIGHTS, TASK_1_9_WEIGHTS_0
from ui.diagram import diagram_data, edge_id, node_id, node_name, parse_pick, weight_name


def test_the_seed_network_forward_only():
    network = core.Network.from_seed(TASK_1_9_WEIGHTS_0)
    data = diagram_data(network, network.forward([0, 3]), alt="the 2-2-1 network")
    assert data["sizes"] == [2, 2, 1] and data["alt"] == "the 2-2-1 network"
    names = [[n["name"] for n in layer] for layer in data["nodes"]]
    assert names == [["input_0", "input_1"], ["node_0", "node_1"], ["output"]]
    values = [[n["value"] for n in layer] for layer in data["nodes"]]
    assert values == [["0", "3"], ["3", "6"], ["9"]]
    assert data["nodes"][1][1]["input"] == "in 6" and data["nodes"][0][0]["input"] is None
    assert all(n["slope"] is None for layer in data["nodes"] for n in layer)
    assert [e["text"] for e in data["edges"]] == ["2", "1", "1", "2", "1", "1"]
    assert data["edges"][1]["aria"] == "weight input_0 → node_1 = 1"
    assert data["picked"] is None and not data["clickable"]


def test_quiz_4_4_slopes_and_the_picked_weight_and_node():
    network = core.Network.from_seed(QUIZ_4_4_WEIGHTS)
    gradients = core.backprop(network, QUIZ_4_4_INPUT, QUIZ_4_4_TARGET)
    data = diagram_data(network, gradients.forward, gradients, highlight=(1, 1, 1),
                        highlight_node=(1, 0), clickable=True)
    assert data["nodes"][1][1]["slope"] == "2" and data["nodes"][2][0]["slope"] == "1"
    assert data["picked"] == "w_1_1_1" and data["pickedNode"] == "n_1_0"
    assert data["clickable"]
    assert "slope of the loss 2" in data["nodes"][1][1]["aria"]


def test_values_not_computed_yet_are_left_blank():
    network = core.Network.from_seed(QUIZ_4_4_WEIGHTS)
    gradients = core.backprop(network, QUIZ_4_4_INPUT, QUIZ_4_4_TARGET)
    data = diagram_data(network, gradients.forward, gradients, forward_layers=[0],
                        backward_layers=[2])
    assert data["nodes"][0][1]["value"] == "3" and data["nodes"][1][0]["value"] is None
    assert data["nodes"][2][0]["slope"] == "1" and data["nodes"][1][0]["slope"] is None


def test_a_relu_node_with_a_negative_input_is_switched_off():
    network = core.Network.from_seed({"node_0": [1, 1], "node_1": [-1, -1], "output": [1, 1]})
    data = diagram_data(network, network.forward([1, 2]))
    assert [n["off"] for n in data["nodes"][1]] == [False, True]
    assert "switched off" in data["nodes"][1][1]["aria"]


def test_a_batch_shows_the_chosen_point():
    network = core.Network.from_seed(QUIZ_4_4_WEIGHTS)
    forward = network.forward(np.array([[1.0, 3.0], [2.0, 0.0]]))
    assert diagram_data(network, forward, point=1)["nodes"][0][0]["value"] == "2"


@pytest.mark.parametrize("picked, expected", [
    ("w_1_0_1", ("weight", (1, 0, 1))), ("n_2_0", ("node", (2, 0))),
    (edge_id(3, 4, 2), ("weight", (3, 4, 2))), (node_id(0, 3), ("node", (0, 3))),
    ("w_1_0", None), ("n_1", None), ("x_1_2", None), ("w_a_b_c", None), (None, None),
    ("", None), ("n_-1_0", None),
])
def test_parse_pick_reads_only_the_diagrams_ids(picked, expected):
    assert parse_pick(picked) == expected


def test_names_of_nodes_and_weights_follow_the_course():
    assert node_name([2, 2, 1], 1, 0) == "node_0"
    assert node_name([4, 5, 5, 1], 2, 3) == "node_2_3"
    assert node_name([2, 3, 2], 2, 1) == "output_1"
    assert weight_name([2, 2, 1], 2, 1, 0) == "node_1 → output"
