//! The NNEF reader the taggers need, and no more: it knows only the ops their graphs use.
//!
//! `tract_nnef::nnef()` registers a loader (and a writer) for every op tract has — FFT, LSTM,
//! GRU, scan, resize, top-k, einsum… — and the linker keeps every op a loader can build, so a
//! wasm module built on it carries all of them (rustfft alone is 0.7 MB). The taggers' graphs (an int8
//! embedding bag, three 1-D convolutions, a softmax; see `onnx/train`) use fourteen ops, listed
//! below; tract's own loaders for them are reused (`tract_nnef::ops::nnef::deser`), and the three
//! `tract_core_*` ops, whose tract loaders are private, are re-declared here with the same
//! signatures. A graph that needs another op fails to load with a typed `invalid_model` error
//! naming the op; `convert` checks every archive it writes loads with this reader, and the tests
//! load every shipped archive through it.
//!
//! The archive itself is read here too (a tar of `graph.nnef` and one `.dat` per tensor), rather
//! than by `Nnef::model_for_read`: that path builds tract's full framework for sub-models, which
//! alone would link every op back in. Reading it here also bounds each tensor by its file's size
//! before tract allocates it.

use std::io::Read;
use std::path::Path;

use tract_nnef::ast::parse::parse_document;
use tract_nnef::internal::*;
use tract_nnef::ops::nnef::deser;
use tract_nnef::registry::ToTract;
use tract_nnef::ProtoModel;

/// NNEF tensor files start with a 128-byte header; its bytes 4..8 give the data size (LE u32).
const TENSOR_HEADER: usize = 128;

/// The typed model in an NNEF archive (uncompressed tar of `graph.nnef` and `<label>.dat` files).
pub fn read(archive: &[u8]) -> TractResult<TypedModel> {
    let mut doc = None;
    let mut tensors = HashMap::new();
    for entry in tar::Archive::new(archive).entries()? {
        let mut entry = entry?;
        let path = entry.path()?.into_owned();
        let path = path.strip_prefix("./").unwrap_or(&path).to_path_buf();
        // Like tract: skip names starting with "." (macOS tar's resource forks).
        if path.components().any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.'))) {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        if path == Path::new("graph.nnef") {
            doc = Some(parse_document(std::str::from_utf8(&bytes)?)?);
        } else if path.extension().is_some_and(|e| e == "dat") {
            let label = path.with_extension("");
            let label = label.to_str().context("a tensor file name is not UTF-8")?;
            tensors.insert(Identifier::from(label), Arc::new(tensor(&bytes)?));
        } else {
            bail!("unexpected file in the archive (only graph.nnef and .dat tensors are read)");
        }
    }
    let doc = doc.context("the archive has no graph.nnef")?;
    let proto = ProtoModel { doc, tensors, quantization: None, resources: HashMap::new() };
    reader().model_for_proto_model(&proto)
}

/// One `.dat` tensor, refused unless its header's data size fits in the file.
fn tensor(bytes: &[u8]) -> TractResult<Tensor> {
    let declared = bytes.get(4..8).context("a tensor file is shorter than its header")?;
    let declared = u32::from_le_bytes(declared.try_into()?) as usize;
    ensure!(
        declared.checked_add(TENSOR_HEADER).is_some_and(|end| end <= bytes.len()),
        "a tensor file is shorter than the data size its header declares"
    );
    tract_nnef::tensors::read_tensor(bytes)
}

/// A framework translating an NNEF document with the taggers' op set.
fn reader() -> Nnef {
    Nnef {
        // The standard library's fragment bodies are only read by tract's writer.
        stdlib: Vec::new(),
        registries: vec![standard_ops(), tract_core_ops()],
        // Resources are read by `read`, not by tract's loaders.
        resource_loaders: Vec::new(),
        allow_extended_identifier_syntax: false,
        extern_all_constants: false,
    }
}

/// The NNEF standard ops the graphs use, with tract's declarations and loaders.
fn standard_ops() -> Registry {
    let mut registry = Registry::new("tract_nnef");
    let stdlib = tract_nnef::framework::stdlib();
    let primitives: [(&str, ToTract); 8] = [
        ("external", deser::external),
        ("variable", deser::variable),
        ("transpose", deser::transpose),
        ("squeeze", deser::squeeze),
        ("unsqueeze", deser::unsqueeze),
        ("conv", deser::conv),
        ("sum_reduce", deser::reduce),
        ("softmax", deser::softmax),
    ];
    for (id, load) in primitives {
        // Every id above is declared in tract's stdlib.nnef; a missing one only leaves the op
        // unknown (a load error), never a panic.
        if let Some(def) = stdlib.iter().find(|f| f.decl.id.0 == id) {
            registry.register_primitive(id, &def.decl.parameters, &def.decl.results, load);
        }
    }
    registry.register_binary("sub", &tract_core::ops::math::Sub {});
    registry.register_binary("mul", &tract_core::ops::math::Mul {});
    registry.register_binary("max", &tract_core::ops::math::Max {});
    // Integer division: a table smaller than the featurizer's buckets folds ids as ids − (ids / rows) · rows.
    registry.register_binary("div", &tract_core::ops::math::Div {});
    registry
}

/// `tract_core_external`, `tract_core_cast` and `tract_core_gather`, as tract-nnef declares them.
fn tract_core_ops() -> Registry {
    let mut registry = Registry::new("tract_core");
    let tensor = || TypeName::Scalar.tensor();
    registry.register_primitive(
        "tract_core_external",
        &[TypeName::String.named("datum_type"), TypeName::Integer.array().named("shape")],
        &[("output", TypeName::Any.tensor())],
        external,
    );
    registry.register_primitive(
        "tract_core_cast",
        &[tensor().named("input"), TypeName::String.named("to")],
        &[("output", tensor())],
        cast,
    );
    registry.register_primitive(
        "tract_core_gather",
        &[tensor().named("input"), tensor().named("indices"), TypeName::Integer.named("axis")],
        &[("output", tensor())],
        gather,
    );
    registry
}

fn external(builder: &mut ModelBuilder, invocation: &ResolvedInvocation) -> TractResult<Value> {
    let shape: TVec<TDim> = builder.allowing_new_symbols(|builder| invocation.named_arg_as(builder, "shape"))?;
    let datum_type: DatumType = invocation.named_arg_as::<String>(builder, "datum_type")?.parse()?;
    Ok(Value::Wire(builder.model.add_source("", datum_type.fact(&*shape))?))
}

fn cast(builder: &mut ModelBuilder, invocation: &ResolvedInvocation) -> TractResult<Value> {
    let input = invocation.named_arg_as(builder, "input")?;
    let to: DatumType = invocation.named_arg_as::<String>(builder, "to")?.parse()?;
    builder.wire(tract_core::ops::cast::cast(to), &[input])
}

fn gather(builder: &mut ModelBuilder, invocation: &ResolvedInvocation) -> TractResult<Value> {
    let input = invocation.named_arg_as(builder, "input")?;
    let indices = invocation.named_arg_as(builder, "indices")?;
    let axis = invocation.named_arg_as(builder, "axis")?;
    let indices = builder.wire_as_outlets(tract_core::ops::cast::cast(i64::datum_type()), &[indices])?;
    let indices = *indices.first().context("cast has one output")?;
    builder.wire(tract_core::ops::array::Gather { axis, output_type: None }, &[input, indices])
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRAPH: &str = "version 1.0;\ngraph network(x) -> (y) {\n  x = external<scalar>(shape = [2]);\n  \
                         w = variable<scalar>(label = \"w\", shape = [2]);\n  y = OP(x, w);\n}\n";

    fn archive(graph: &str, files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (name, data) in [("graph.nnef", graph.as_bytes())].into_iter().chain(files.iter().copied()) {
            let mut header = tar::Header::new_ustar();
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder.append_data(&mut header, name, data).unwrap();
        }
        builder.into_inner().unwrap()
    }

    fn weights() -> Vec<u8> {
        let mut dat = Vec::new();
        tract_nnef::tensors::write_tensor(&mut dat, &tensor1(&[0.5f32, 2.0])).unwrap();
        dat
    }

    #[test]
    fn reads_a_graph_made_of_known_ops() {
        let model = read(&archive(&GRAPH.replace("OP", "mul"), &[("w.dat", &weights())])).unwrap();
        let out = model.into_runnable().unwrap().run(tvec!(tensor1(&[4.0f32, 4.0]).into_tvalue())).unwrap();
        assert_eq!(out[0].to_plain_array_view::<f32>().unwrap().as_slice().unwrap(), &[2.0, 8.0]);
    }

    #[test]
    fn refuses_an_op_outside_the_taggers_set() {
        let err = read(&archive(&GRAPH.replace("OP", "pow"), &[("w.dat", &weights())])).unwrap_err();
        assert!(format!("{err:?}").contains("pow"), "{err:?}");
    }

    #[test]
    fn refuses_a_tensor_larger_than_its_file() {
        let mut dat = weights();
        dat[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read(&archive(&GRAPH.replace("OP", "mul"), &[("w.dat", &dat)])).is_err());
        assert!(read(&archive(&GRAPH.replace("OP", "mul"), &[("w.dat", &dat[..20])])).is_err());
    }

    #[test]
    fn refuses_unknown_files_and_a_missing_graph() {
        let files: &[(&str, &[u8])] = &[("w.dat", &weights()), ("graph.quant", b"")];
        assert!(read(&archive(&GRAPH.replace("OP", "mul"), files)).is_err());
        assert!(read(&[0u8; 1024]).is_err());
    }
}
