"""Write the trained tagger as a float ONNX graph and quantize it to int8.

The graph uses only standard ONNX ops that tract implements (checked by loading the result with
tract in `tests/integration/model_int8.rs`), so the same file runs natively and in wasm:

    ids int64 [T, K]
      → ids − (ids / rows) · rows       (only when the featurizer has more buckets than the table:
                                         ids mod rows, spelt with Div/Mul/Sub because NNEF, the
                                         format that ships, has no remainder op)
      → Gather(embedding table)         [T, K, D]
      → ReduceSum(axis 1)               [T, D]      an embedding bag over the K feature slots
      → Transpose, Unsqueeze            [1, D, T]
      → (Conv k, Relu) × n              [1, H, T]   left/right context, zero padded
      → Conv 1×1                        [1, C, T]   per-token tag logits
      → Squeeze, Transpose, Softmax     probs float [T, C]

int8 (weights): `onnxruntime.quantization.quantize_dynamic` turns the embedding table into a uint8
initializer (read by Gather then DequantizeLinear; `dequantize_table_before_gather` swaps the two so
tract dequantizes the table once at load); each convolution weight becomes an int8
initializer with one scale per output channel, dequantized by DequantizeLinear in front of a
float Conv. The file stays int8 (≤ 1 MB) while tract folds the weight dequantization at load time
and runs float convolutions: its integer ConvInteger path (dynamic activation quantization) was
measured ~20× slower than float for this graph. No com.microsoft ops are allowed (tract does not
implement them); `check_standard_ops` enforces it.
"""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
INPUT = "ids"
OUTPUT = "probs"


def build_float_model(params: dict, slots: int, buckets: int, name: str, doc: str) -> onnx.ModelProto:
    """params: emb [R, D]; convs: list of (W [Hout, Hin, k], b [Hout]); out: (W [C, H, 1], b [C])."""
    emb = np.asarray(params["emb"], dtype=np.float32)
    rows = emb.shape[0]
    inits = [numpy_helper.from_array(emb, "embedding")]
    nodes = []
    x = INPUT
    if rows < buckets:
        inits.append(numpy_helper.from_array(np.array(rows, dtype=np.int64), "table_rows"))
        # Integer Div truncates; ids are non-negative, so this is ids mod rows.
        nodes += [
            helper.make_node("Div", [x, "table_rows"], ["ids_quotient"], name="hash_to_table_div"),
            helper.make_node("Mul", ["ids_quotient", "table_rows"], ["ids_wrapped"], name="hash_to_table_mul"),
            helper.make_node("Sub", [x, "ids_wrapped"], ["ids_mod"], name="hash_to_table"),
        ]
        x = "ids_mod"
    inits.append(numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"))
    inits.append(numpy_helper.from_array(np.array([0], dtype=np.int64), "axis0"))
    nodes += [
        helper.make_node("Gather", ["embedding", x], ["slot_vectors"], name="embed", axis=0),
        helper.make_node("ReduceSum", ["slot_vectors", "axis1"], ["token_vectors"], name="bag", keepdims=0),
        helper.make_node("Transpose", ["token_vectors"], ["channels_first"], name="to_channels", perm=[1, 0]),
        helper.make_node("Unsqueeze", ["channels_first", "axis0"], ["h0"], name="batch_of_one"),
    ]
    h = "h0"
    for i, (w, b) in enumerate(params["convs"]):
        w = np.asarray(w, dtype=np.float32)
        k = w.shape[2]
        inits += [numpy_helper.from_array(w, f"conv{i}_w"), numpy_helper.from_array(np.asarray(b, np.float32), f"conv{i}_b")]
        nodes.append(helper.make_node("Conv", [h, f"conv{i}_w", f"conv{i}_b"], [f"c{i}"], name=f"conv{i}",
                                      kernel_shape=[k], pads=[k // 2, k // 2]))
        nodes.append(helper.make_node("Relu", [f"c{i}"], [f"h{i + 1}"], name=f"relu{i}"))
        h = f"h{i + 1}"
    w, b = params["out"]
    inits += [numpy_helper.from_array(np.asarray(w, np.float32), "out_w"),
              numpy_helper.from_array(np.asarray(b, np.float32), "out_b")]
    nodes += [
        helper.make_node("Conv", [h, "out_w", "out_b"], ["logits_ct"], name="tag_logits", kernel_shape=[1]),
        helper.make_node("Squeeze", ["logits_ct", "axis0"], ["logits_c_t"], name="drop_batch"),
        helper.make_node("Transpose", ["logits_c_t"], ["logits"], name="to_tokens", perm=[1, 0]),
        helper.make_node("Softmax", ["logits"], [OUTPUT], name="softmax", axis=1),
    ]
    classes = np.asarray(w).shape[0]
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info(INPUT, TensorProto.INT64, ["T", slots])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["T", classes])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="cvshield-onnx-train", doc_string=doc)
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    return model


def quantize(float_path: str, int8_path: str) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(float_path, int8_path, weight_type=QuantType.QUInt8, op_types_to_quantize=["Gather"])
    model = onnx.load(int8_path)
    dequantize_table_before_gather(model)
    quantize_conv_weights(model)
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, int8_path)
    check_standard_ops(onnx.load(int8_path))


def dequantize_table_before_gather(model: onnx.ModelProto) -> None:
    """Gather(uint8 table) → DequantizeLinear  ⇒  DequantizeLinear(uint8 table) → Gather.

    The same values (per-tensor scale and zero point: dequantizing then gathering rows equals
    gathering then dequantizing), but the dequantization now reads only constants, so tract folds
    it into a float table once at load instead of dequantizing T × K × D gathered values on every
    run (~5 % of a wasm anonymize call). The file keeps the uint8 table.
    """
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    for gather in graph.node:
        if gather.op_type != "Gather" or gather.input[0] not in inits:
            continue
        users = consumers.get(gather.output[0], [])
        if len(users) != 1 or users[0].op_type != "DequantizeLinear":
            continue
        dequantize = users[0]
        if any(numpy_helper.to_array(inits[n]).size != 1 for n in dequantize.input[1:]):
            continue  # per-axis quantization: rows would not commute with the gather
        table_q, out = gather.input[0], dequantize.output[0]
        dequantize.input[0] = table_q
        dequantize.output[0] = f"{table_q}_dequantized"
        gather.input[0] = dequantize.output[0]
        gather.output[0] = out
        # Topological order: the dequantization (constants only) goes first.
        nodes = [dequantize] + [n for n in graph.node if n is not dequantize]
        del graph.node[:]
        graph.node.extend(nodes)
        return


def quantize_conv_weights(model: onnx.ModelProto) -> None:
    """Conv weights → int8 per output channel (symmetric) + DequantizeLinear(axis 0)."""
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    new_nodes = []
    for node in graph.node:
        if node.op_type == "Conv" and node.input[1] in inits:
            name = node.input[1]
            w = numpy_helper.to_array(inits[name]).astype(np.float32)
            scale = np.abs(w).reshape(w.shape[0], -1).max(axis=1) / 127.0
            scale[scale == 0] = 1.0
            q = np.clip(np.round(w / scale[:, None, None]), -127, 127).astype(np.int8)
            graph.initializer.remove(inits[name])
            graph.initializer.extend([numpy_helper.from_array(q, f"{name}_q"),
                                      numpy_helper.from_array(scale.astype(np.float32), f"{name}_scale"),
                                      numpy_helper.from_array(np.zeros(w.shape[0], np.int8), f"{name}_zero")])
            new_nodes.append(helper.make_node("DequantizeLinear", [f"{name}_q", f"{name}_scale", f"{name}_zero"], [name],
                                              name=f"{name}_dequantize", axis=0))
        new_nodes.append(node)
    del graph.node[:]
    graph.node.extend(new_nodes)


def check_standard_ops(model: onnx.ModelProto) -> None:
    bad = sorted({f"{n.domain}:{n.op_type}" for n in model.graph.node if n.domain not in ("", "ai.onnx")})
    if bad:
        raise SystemExit(f"quantized model uses non-standard ops tract cannot run: {bad}")
    ops = sorted({n.op_type for n in model.graph.node})
    print(f"int8 graph ops: {ops}")
