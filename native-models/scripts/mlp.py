"""A small tanh MLP in numpy (full-batch Adam, fixed seed) and its ONNX nodes: what the native-model training
scripts share. Hidden layers are tanh, the output layer linear; the caller supplies d(loss)/d(output).
Needs numpy and onnx (Debian python3-numpy, python3-onnx; a developer step, never in CI).
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def init(sizes, rng):
    params = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        params += [rng.normal(0, np.sqrt(1.0 / a), (a, b)), np.zeros(b)]
    return params


def forward(params, x):
    """Returns the hidden activations (for backward) and the linear output."""
    hidden = []
    h = x
    for k in range(0, len(params) - 2, 2):
        h = np.tanh(h @ params[k] + params[k + 1])
        hidden.append(h)
    return hidden, h @ params[-2] + params[-1]


def backward(params, x, hidden, d_out):
    grads = [None] * len(params)
    d = d_out
    layers = len(params) // 2
    for layer in range(layers - 1, -1, -1):
        below = hidden[layer - 1] if layer > 0 else x
        grads[2 * layer] = below.T @ d
        grads[2 * layer + 1] = d.sum(0)
        if layer > 0:
            d = (d @ params[2 * layer].T) * (1 - below**2)
    return grads


def fit(params, x, loss_gradient, steps, lr_start=3e-3, lr_end_fraction=0.05, weight_decay=0.0):
    """Full-batch Adam with exponential learning-rate decay. loss_gradient(output) -> d(loss)/d(output)."""
    m = [np.zeros_like(q) for q in params]
    v = [np.zeros_like(q) for q in params]
    for step in range(1, steps + 1):
        lr = lr_start * (lr_end_fraction ** (step / steps))
        hidden, out = forward(params, x)
        for k, g in enumerate(backward(params, x, hidden, loss_gradient(out))):
            if weight_decay and k % 2 == 0:
                g = g + weight_decay * params[k]
            m[k] = 0.9 * m[k] + 0.1 * g
            v[k] = 0.999 * v[k] + 0.001 * g * g
            params[k] -= lr * (m[k] / (1 - 0.9**step)) / (np.sqrt(v[k] / (1 - 0.999**step)) + 1e-8)
    return params


def f32(name, a):
    return numpy_helper.from_array(np.asarray(a, dtype=np.float32), name)


def onnx_nodes(params, x_name, out_name, prefix):
    """The MLP as ONNX nodes (MatMul, Add, Tanh) from x_name to out_name; returns (nodes, initializers)."""
    nodes, inits = [], []
    h = x_name
    layers = len(params) // 2
    for layer in range(layers):
        w, b = f"{prefix}W{layer}", f"{prefix}b{layer}"
        inits += [f32(w, params[2 * layer]), f32(b, params[2 * layer + 1])]
        z = out_name if layer == layers - 1 else f"{prefix}z{layer}"
        nodes += [helper.make_node("MatMul", [h, w], [f"{prefix}a{layer}"]), helper.make_node("Add", [f"{prefix}a{layer}", b], [z])]
        if layer < layers - 1:
            nodes.append(helper.make_node("Tanh", [z], [f"{prefix}h{layer}"]))
            h = f"{prefix}h{layer}"
    return nodes, inits


def save_model(nodes, inits, graph_name, card, in_names, out_names, path):
    """One graph x [N, inputs] -> y [N, outputs], opset 13 / IR 7 (readable by every onnxruntime since 1.8), named and
    versioned from the model card, checked, and written to path."""
    graph = helper.make_graph(
        nodes,
        graph_name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", len(in_names)])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", len(out_names)])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="twin-workstation")
    model.ir_version = 7
    model.doc_string = f"{card['name']} {card['version']}: inputs {in_names}, outputs {out_names}"
    helper.set_model_props(model, {"name": card["name"], "version": card["version"]})
    onnx.checker.check_model(model)
    onnx.save(model, path)
