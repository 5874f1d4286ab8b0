//! ONNX → NNEF conversion of a tagger graph (native only; the wasm build cannot and need not do it).
//!
//! The wasm module loads its models with tract-nnef alone: tract's ONNX front end (tract-hir, the
//! ONNX op set, protobuf) is most of tract's code and is not needed once a graph is in tract's
//! own NNEF dialect. Each shipped `model.int8.onnx` is converted here into `model.int8.nnef.tar`
//! (committed beside it, its digest in `spec.json` under `files.nnef`), and tests check that the
//! committed archive is exactly what this converter makes and that both run to the same numbers.
//!
//! The weights must stay int8 in the archive. tract folds every `DequantizeLinear` of a constant
//! into a float constant, both when it types the ONNX graph and again when it writes NNEF, which
//! would make the convolution weights four times larger. So: (1) while typing, the dequantized
//! constants are hidden from tract as extra inputs, then put back, which leaves each as an int8
//! constant feeding a `cast → sub → mul` chain (that chain is recorded); (2) tract writes the
//! archive, folding the chains into float tensors; (3) each folded tensor is checked to equal,
//! bit for bit, its recorded chain's result, and is replaced in the NNEF document by the int8
//! tensor, its scales and the same chain. The runtime's own optimisation folds the chain again at
//! load time, as it does for the ONNX file, so both run the same float weights. The scalar
//! dequantization after the embedding lookup (a tract-core op with no NNEF form) is written as
//! the same chain.

use std::io::Cursor;

use tract_onnx::prelude::*;
use tract_onnx::tract_core::ops::cast::cast;
use tract_onnx::tract_core::ops::konst::Const;
use tract_onnx::tract_core::ops::math::{mul, sub};
use tract_onnx::tract_core::ops::quant::DequantizeLinearF32;
use tract_onnx::tract_hir::infer::InferenceModelExt;
use tract_onnx::tract_hir::ops::source::Source;
use tract_nnef::ast::{Argument, Assignment, Identifier, LValue, RValue};
use tract_nnef::internal::{bail, ensure, invocation, string, TractErrorContext};
use tract_nnef::ser::ident;

use crate::error::{Error, Result};

/// The NNEF archive (an uncompressed tar, byte-for-byte reproducible) for an int8 ONNX tagger.
pub fn onnx_to_nnef(onnx: &[u8]) -> Result<Vec<u8>> {
    convert(onnx).map_err(|e| Error::invalid_model(format!("the model cannot be converted to NNEF: {}", first_line(&e))))
}

fn convert(onnx: &[u8]) -> TractResult<Vec<u8>> {
    let mut model = tract_onnx::onnx().model_for_read(&mut Cursor::new(onnx))?;
    let held = hold_dequantized_constants(&mut model)?;
    let mut typed = model.into_typed()?;
    restore_constants(&mut typed, &held)?;
    expand_scalar_dequantization(&mut typed)?;
    let typed = typed.into_compact()?;
    let chains = held.iter().map(|(name, _)| dequantization_chain(&typed, name)).collect::<TractResult<Vec<_>>>()?;
    let nnef = tract_nnef::nnef();
    let folded = nnef.write_to_tar_with_config(&typed, Vec::new(), false, true)?;
    let mut proto = nnef.proto_model_for_read(&mut Cursor::new(folded))?;
    for chain in &chains {
        unfold(&mut proto, chain)?;
    }
    let archive = write_archive(&nnef, &proto)?;
    // The runtime reads archives with the taggers' op set only: refuse a graph it could not load.
    super::nnef_reader::read(&archive)
        .context("the archive uses an op the runtime's NNEF reader (src/model/nnef_reader.rs) does not know")?;
    Ok(archive)
}

/// An int8 constant and the `cast → sub(zero) → mul(scale)` nodes that dequantize it.
struct Chain {
    /// The `mul` node: tract names the folded float tensor after it.
    name: String,
    data: Arc<Tensor>,
    zero: Arc<Tensor>,
    scale: Arc<Tensor>,
}

impl Chain {
    fn dequantized(&self) -> TractResult<Tensor> {
        let data = self.data.cast_to::<f32>()?;
        let zero = self.zero.cast_to::<f32>()?;
        let values = (&data.to_plain_array_view::<f32>()? - &zero.to_plain_array_view::<f32>()?)
            * &self.scale.to_plain_array_view::<f32>()?;
        Ok(values.into_tensor())
    }
}

fn dequantization_chain(model: &TypedModel, data_name: &str) -> TractResult<Chain> {
    let data_node = model.node_by_name(data_name)?;
    let data = data_node.op_as::<Const>().context("dequantized data is not a constant")?.val().clone();
    let cast = model.single_succ(data_node.id)?.context("dequantized data has one consumer")?;
    let sub = model.single_succ(cast.id)?.context("cast has one consumer")?;
    let mul = model.single_succ(sub.id)?.context("sub has one consumer")?;
    ensure!(sub.op.name() == "Sub" && mul.op.name() == "Mul", "unexpected dequantization chain after {data_name}");
    let konst = |outlet: OutletId| model.outlet_fact(outlet).ok().and_then(|f| f.konst.clone());
    let zero = konst(sub.inputs[1]).context("zero point is not a constant")?;
    let scale = konst(mul.inputs[1]).context("scale is not a constant")?;
    Ok(Chain { name: mul.name.clone(), data, zero, scale })
}

/// Replace the folded float tensor of `chain` by its int8 data and dequantization ops.
fn unfold(proto: &mut tract_nnef::ProtoModel, chain: &Chain) -> TractResult<()> {
    let label = Identifier(chain.name.clone());
    let folded = proto.tensors.get(&label).with_context(|| format!("no folded tensor {}", chain.name))?;
    let expected = chain.dequantized()?;
    let same_bits = folded.shape() == expected.shape()
        && folded
            .to_plain_array_view::<f32>()?
            .iter()
            .zip(expected.to_plain_array_view::<f32>()?.iter())
            .all(|(a, b)| a.to_bits() == b.to_bits());
    ensure!(same_bits, "the folded tensor {} is not its int8 data dequantized", chain.name);
    let body = &mut proto.doc.graph_def.body;
    let at = body
        .iter()
        .position(|a| is_variable_with_label(&a.right, &chain.name))
        .with_context(|| format!("no variable labelled {}", chain.name))?;
    let LValue::Identifier(var) = body[at].left.clone() else { bail!("variable {} is not a plain assignment", chain.name) };
    let q = format!("{}_q", var.0);
    let mut lines = vec![
        assign(&q, variable(&format!("{}.q", chain.name), chain.data.shape())),
        assign(&format!("{}_scale", var.0), variable(&format!("{}.scale", chain.name), chain.scale.shape())),
        assign(&format!("{}_cast", var.0), invocation("tract_core_cast", &[ident(&q).into()], &[("to", string("f32"))])),
    ];
    let mut x = format!("{}_cast", var.0);
    if chain.zero.cast_to::<f32>()?.to_plain_array_view::<f32>()?.iter().any(|z| *z != 0.0) {
        lines.push(assign(&format!("{}_zero", var.0), variable(&format!("{}.zero", chain.name), chain.zero.shape())));
        lines.push(assign(
            &format!("{}_sub", var.0),
            invocation("sub", &[ident(&x).into(), ident(format!("{}_zero", var.0)).into()], &[]),
        ));
        x = format!("{}_sub", var.0);
        let zero = chain.zero.cast_to::<f32>()?.into_owned();
        proto.tensors.insert(Identifier(format!("{}.zero", chain.name)), zero.into_arc_tensor());
    }
    lines.push(assign(&var.0, invocation("mul", &[ident(&x).into(), ident(format!("{}_scale", var.0)).into()], &[])));
    body.splice(at..=at, lines);
    proto.tensors.remove(&label);
    proto.tensors.insert(Identifier(format!("{}.q", chain.name)), chain.data.clone());
    proto.tensors.insert(Identifier(format!("{}.scale", chain.name)), chain.scale.clone());
    Ok(())
}

fn is_variable_with_label(rvalue: &RValue, label: &str) -> bool {
    let RValue::Invocation(inv) = rvalue else { return false };
    inv.id.0 == "variable"
        && inv.arguments.iter().any(|a| a.id.as_ref().is_some_and(|id| id.0 == "label") && a.rvalue == string(label))
}

fn variable(label: &str, shape: &[usize]) -> Arc<RValue> {
    let shape = RValue::Array(shape.iter().map(|d| tract_nnef::internal::numeric(d)).collect());
    let inv = tract_nnef::ast::Invocation {
        id: "variable".into(),
        generic_type_name: Some(tract_nnef::ast::TypeName::Scalar),
        arguments: vec![
            Argument { id: Some("label".into()), rvalue: string(label) },
            Argument { id: Some("shape".into()), rvalue: shape },
        ],
    };
    Arc::new(RValue::Invocation(inv))
}

fn assign(name: &str, right: Arc<RValue>) -> Assignment {
    Assignment { left: LValue::Identifier(name.into()), right: right.as_ref().clone() }
}

/// The archive as tract writes it (`graph.nnef`, then each tensor's `.dat`, sorted), with fixed
/// timestamps so the bytes depend on the model alone.
fn write_archive(nnef: &tract_nnef::internal::Nnef, proto: &tract_nnef::ProtoModel) -> TractResult<Vec<u8>> {
    ensure!(proto.quantization.is_none() && proto.resources.is_empty(), "unexpected quantization or resources");
    let mut graph = Vec::new();
    tract_nnef::ast::dump::Dumper::new(nnef, &mut graph).document(&proto.doc)?;
    let mut files = vec![("graph.nnef".to_string(), graph)];
    let mut labels: Vec<&Identifier> = proto.tensors.keys().collect();
    labels.sort();
    for label in labels {
        let mut data = Vec::new();
        tract_nnef::tensors::write_tensor(&mut data, &proto.tensors[label])?;
        files.push((format!("{}.dat", label.0), data));
    }
    let mut archive = tar::Builder::new(Vec::new());
    for (path, data) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(315_532_800);
        archive.append_data(&mut header, path, &data[..])?;
    }
    Ok(archive.into_inner()?)
}

/// Turn every constant that feeds a `DequantizeLinear` as its data into a model input, so typing
/// the graph cannot fold it; returns the names and values to put back.
fn hold_dequantized_constants(model: &mut InferenceModel) -> TractResult<Vec<(String, Arc<Tensor>)>> {
    let dequantizers: Vec<usize> =
        model.nodes.iter().filter(|n| n.op.name() == "DequantizeLinear").map(|n| n.id).collect();
    let mut data_ids: Vec<usize> =
        dequantizers.iter().filter_map(|&id| model.nodes[id].inputs.first().map(|i| i.node)).collect();
    // Loading already propagated the constants' values through the dequantizers: forget them.
    for &id in &dequantizers {
        for outlet in model.nodes[id].outputs.iter_mut() {
            outlet.fact = InferenceFact::default();
        }
    }
    data_ids.sort_unstable();
    data_ids.dedup();
    let mut held = Vec::new();
    for id in data_ids {
        let node = &mut model.nodes[id];
        let Some(value) = node.op_as::<Const>().map(|c| c.val().clone()) else { continue };
        node.op = Box::new(Source::new());
        node.outputs[0].fact = InferenceFact::dt_shape(value.datum_type(), value.shape());
        held.push((node.name.clone(), value));
        model.inputs.push(OutletId::new(id, 0));
    }
    Ok(held)
}

fn restore_constants(model: &mut TypedModel, held: &[(String, Arc<Tensor>)]) -> TractResult<()> {
    for (name, value) in held {
        let id = model.node_id_by_name(name)?;
        model.nodes[id].op = Box::new(Const::new(value.clone())?);
        model.nodes[id].outputs[0].fact = TypedFact::try_from(value.clone())?;
        model.inputs.retain(|outlet| outlet.node != id);
    }
    Ok(())
}

/// `DequantizeLinearF32(x)` → `(cast(x) − zero_point) × scale`, the same arithmetic in NNEF ops.
fn expand_scalar_dequantization(model: &mut TypedModel) -> TractResult<()> {
    let ids: Vec<usize> = model.nodes.iter().filter(|n| n.op_is::<DequantizeLinearF32>()).map(|n| n.id).collect();
    for id in ids {
        let node = &model.nodes[id];
        let Some(op) = node.op_as::<DequantizeLinearF32>() else { continue };
        let name = node.name.clone();
        let mut patch = TypedModelPatch::default();
        let x = patch.tap_model(model, node.inputs[0])?;
        let ones = vec![1usize; model.outlet_fact(node.inputs[0])?.rank()];
        let x = patch.wire_node(format!("{name}.cast"), cast(f32::datum_type()), &[x])?[0];
        let zero = patch.add_const(format!("{name}.zero_point"), Tensor::from_shape(&ones, &[op.zero_point as f32])?)?;
        let x = patch.wire_node(format!("{name}.sub"), sub(), &[x, zero])?[0];
        let scale = patch.add_const(format!("{name}.scale"), Tensor::from_shape(&ones, &[op.scale])?)?;
        let y = patch.wire_node(format!("{name}.mul"), mul(), &[x, scale])?[0];
        patch.shunt_outside(model, OutletId::new(id, 0), y)?;
        patch.apply(model)?;
    }
    Ok(())
}

fn first_line(e: &TractError) -> String {
    format!("{e:#}").lines().next().unwrap_or("").chars().take(300).collect()
}
