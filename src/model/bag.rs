//! The taggers' embedding bag, summed here rather than by tract.
//!
//! Each tagger opens with an embedding bag: every feature id picks a row of a table (after
//! folding the id into the table's rows) and a token's rows are summed over its slots. tract
//! runs that as integer arithmetic on the ids, a gather that copies `[T, slots, dim]` floats and
//! a generic reduction over the middle axis: ~12 % of a wasm anonymize call for a few hundred
//! thousand additions. [`split`] finds the bag in a loaded graph and cuts the graph after it;
//! [`Bag::sums`] then adds the same rows in the same order tract does (from zero, slot by slot),
//! so the rest of the graph sees bit-identical input and gives bit-identical probabilities.
//!
//! The id folding is not read from the graph's arithmetic: it is run once over every id the
//! model accepts and must be `id % rows`, or the graph is left whole.

use tract_nnef::internal::*;
use tract_nnef::tract_core::ops::array::Gather;
use tract_nnef::tract_core::ops::konst::Const;
use tract_nnef::tract_core::ops::nn::{Reduce, Reducer};
use tract_nnef::tract_core::ops::source::TypedSource;

/// A tagger's embedding table `[rows, dim]`, summed over each token's slots.
#[derive(Debug)]
pub struct Bag {
    table: Arc<Tensor>,
    rows: usize,
    dim: usize,
}

impl Bag {
    /// The bag's output `[tokens, 1, dim]` for `ids` (`[tokens, slots]`, each in `0..buckets`):
    /// per token, the rows of its ids added from zero in slot order, as tract's reduction adds
    /// them. `None` when the ids do not fit (callers check them first).
    pub fn sums(&self, ids: &[i64], slots: usize) -> Option<Tensor> {
        let table = self.table.to_plain_array_view::<f32>().ok()?;
        let table = table.as_slice()?;
        let tokens = ids.len() / slots.max(1);
        let mut out = vec![0f32; tokens.checked_mul(self.dim)?];
        for (token, acc) in ids.chunks_exact(slots.max(1)).zip(out.chunks_exact_mut(self.dim.max(1))) {
            for &id in token {
                let row = usize::try_from(id).ok()? % self.rows;
                let vector = table.get(row * self.dim..(row + 1) * self.dim)?;
                for (a, v) in acc.iter_mut().zip(vector) {
                    *a += *v;
                }
            }
        }
        Tensor::from_shape(&[tokens, 1, self.dim], &out).ok()
    }
}

/// `model` (decluttered, one input `ids [T, slots]`) split after its embedding bag: the bag and
/// the graph from the bag's output on (one input `[T, 1, dim]` f32). A graph without such a bag,
/// whose id folding is not `id % rows` over `0..buckets`, or that tract cannot cut, comes back
/// whole with no bag: it runs as it is, only slower.
pub fn split(model: TypedModel, slots: usize, buckets: usize) -> (Option<Bag>, TypedModel) {
    match cut(&model, slots, buckets) {
        Ok(Some((bag, rest))) => (Some(bag), rest),
        _ => (None, model),
    }
}

fn cut(model: &TypedModel, slots: usize, buckets: usize) -> TractResult<Option<(Bag, TypedModel)>> {
    let Some((bag, sum, indices)) = find(model, slots)? else { return Ok(None) };
    if !folds_by_rows(model, indices, slots, buckets, bag.rows)? {
        return Ok(None);
    }
    let fact = model.outlet_fact(sum)?.clone();
    let rest = copy_after(model, sum, fact, model.output_outlets()?)?;
    Ok(Some((bag, rest)))
}

/// The bag's table, the sum's outlet and the gather's indices outlet: a sum over axis 1 of a
/// gather on axis 0 of a constant f32 table `[rows, dim]`, fed by the model's only input.
fn find(model: &TypedModel, slots: usize) -> TractResult<Option<(Bag, OutletId, OutletId)>> {
    let [input] = model.input_outlets()? else { return Ok(None) };
    for node in model.nodes() {
        let Some(reduce) = node.op_as::<Reduce>() else { continue };
        if reduce.reducer != Reducer::Sum || reduce.axes.as_slice() != [1] {
            continue;
        }
        let Some(gathered) = node.inputs.first() else { continue };
        let gather = model.node(gathered.node);
        let (Some(op), [table, indices]) = (gather.op_as::<Gather>(), gather.inputs.as_slice()) else { continue };
        let Some(table) = model.node(table.node).op_as::<Const>().map(|c| c.val().clone()) else { continue };
        if op.axis != 0 || table.datum_type() != f32::datum_type() || !depends_on(model, *indices, *input) {
            continue;
        }
        let index_shape = model.outlet_fact(*indices)?.shape.to_tvec();
        if index_shape.len() != 2 || index_shape.get(1) != Some(&slots.to_dim()) {
            continue;
        }
        let &[rows, dim] = table.shape() else { continue };
        if rows == 0 || dim == 0 {
            continue;
        }
        return Ok(Some((Bag { table, rows, dim }, OutletId::new(node.id, 0), *indices)));
    }
    Ok(None)
}

/// Whether `outlet` is computed from `input` (and constants) alone.
fn depends_on(model: &TypedModel, outlet: OutletId, input: OutletId) -> bool {
    let mut todo = vec![outlet];
    let mut reached = false;
    while let Some(o) = todo.pop() {
        if o == input {
            reached = true;
            continue;
        }
        let node = model.node(o.node);
        if node.inputs.is_empty() && node.op_as::<Const>().is_none() {
            return false;
        }
        todo.extend(node.inputs.iter().copied());
    }
    reached
}

/// Runs the graph's id folding (input → `indices`) once over every id in `0..buckets`, laid out
/// `[_, slots]`: each must come out as `id % rows`, wherever it stands.
fn folds_by_rows(model: &TypedModel, indices: OutletId, slots: usize, buckets: usize, rows: usize) -> TractResult<bool> {
    let [input] = model.input_outlets()? else { return Ok(false) };
    let tokens = buckets.div_ceil(slots.max(1)).max(1);
    let ids: Vec<i64> = (0..tokens * slots).map(|i| (i % buckets.max(1)) as i64).collect();
    let fact = i64::fact(&[tokens, slots]);
    let probe = copy_after(model, *input, fact, &[indices])?;
    let out = probe.into_runnable()?.run(tvec!(Tensor::from_shape(&[tokens, slots], &ids)?.into_tvalue()))?;
    let Some(out) = out.first() else { return Ok(false) };
    let out = out.cast_to::<i64>()?;
    let folded = out.to_plain_array_view::<i64>()?;
    let Some(folded) = folded.as_slice() else { return Ok(false) };
    Ok(folded.len() == ids.len() && folded.iter().zip(&ids).all(|(&f, &id)| usize::try_from(id).is_ok_and(|id| f == (id % rows) as i64)))
}

/// A model of copies of `model`'s nodes computed from `from` alone (and constants), with `from`
/// read from a new input of `fact`, giving the copies of `outputs`.
fn copy_after(model: &TypedModel, from: OutletId, fact: TypedFact, outputs: &[OutletId]) -> TractResult<TypedModel> {
    let mut copy = TypedModel::default();
    let fact = match fact.shape.iter().position(|d| d.as_i64().is_none()) {
        // The token axis is symbolic: the copy's own symbol, not the original's.
        Some(axis) => {
            let mut shape = fact.shape.to_tvec();
            if let Some(d) = shape.get_mut(axis) {
                *d = copy.symbols.sym("T").to_dim();
            }
            fact.datum_type.fact(&*shape)
        }
        None => fact,
    };
    let source = copy.add_source("input", fact)?;
    let mut map = HashMap::new();
    map.insert(from, source);
    for id in model.eval_order()? {
        let node = model.node(id);
        if id == from.node || node.op_is::<TypedSource>() {
            continue;
        }
        let Some(inputs) = node.inputs.iter().map(|i| map.get(i).copied()).collect::<Option<TVec<OutletId>>>() else { continue };
        let wires = copy.wire_node(&node.name, node.op.clone(), &inputs)?;
        for (slot, wire) in wires.into_iter().enumerate() {
            map.insert(OutletId::new(id, slot), wire);
        }
    }
    let outputs = outputs.iter().map(|o| map.get(o).copied().context("an output does not follow from the cut")).collect::<TractResult<Vec<_>>>()?;
    copy.select_output_outlets(&outputs)?;
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tract_nnef::tract_core::ops::math;

    /// Made-up ids in `0..buckets`, `tokens × slots`, spread over the whole range.
    fn ids(tokens: usize, slots: usize, buckets: usize) -> Vec<i64> {
        (0..tokens * slots).map(|i| ((i * 7919 + i / 3 * 104_729) % buckets) as i64).collect()
    }

    fn run(model: TypedModel, input: Tensor) -> Vec<u32> {
        let out = model.into_optimized().unwrap().into_runnable().unwrap().run(tvec!(input.into_tvalue())).unwrap();
        out[0].to_plain_array_view::<f32>().unwrap().iter().map(|p| p.to_bits()).collect()
    }

    /// ids `[T, 2]` → optional folding → gather from a 3-row table → sum over the slots.
    fn bag_model(fold: bool) -> TypedModel {
        let mut m = TypedModel::default();
        let t = m.symbols.sym("T");
        let ids = m.add_source("ids", i64::fact(&[t.to_dim(), 2.to_dim()])).unwrap();
        let mut indices = ids;
        if fold {
            let rows = m.add_const("rows", tensor2(&[[3i64]])).unwrap();
            let div = m.wire_node("div", math::div(), &[ids, rows]).unwrap()[0];
            let mul = m.wire_node("mul", math::mul(), &[div, rows]).unwrap()[0];
            indices = m.wire_node("sub", math::sub(), &[ids, mul]).unwrap()[0];
        }
        let table = m.add_const("table", tensor2(&[[0.1f32, 2.0], [0.2, -1.0], [0.7, 1e-8]])).unwrap();
        let gathered = m.wire_node("gather", Gather { axis: 0, output_type: None }, &[table, indices]).unwrap();
        let sum = m.wire_node("bag", Reduce { axes: tvec![1], reducer: Reducer::Sum }, &gathered).unwrap();
        m.select_output_outlets(&sum).unwrap();
        m.into_decluttered().unwrap()
    }

    #[test]
    fn a_bag_whose_ids_fold_into_the_table_is_summed_here_as_tract_sums_it() {
        let ids = vec![0i64, 4, 5, 5, 1, 3];
        let whole = run(bag_model(true), Tensor::from_shape(&[3, 2], &ids).unwrap());
        let (bag, rest) = split(bag_model(true), 2, 6);
        let bag = bag.expect("the bag is found");
        assert_eq!(run(rest, bag.sums(&ids, 2).unwrap()), whole);
        // ids 0 and 4 are rows 0 and 1: 0.1 + 0.2 and 2.0 − 1.0.
        let sums = bag.sums(&ids, 2).unwrap();
        assert_eq!(&sums.to_plain_array_view::<f32>().unwrap().as_slice().unwrap()[..2], &[0.1f32 + 0.2, 2.0 - 1.0]);
    }

    #[test]
    fn a_graph_whose_ids_are_not_folded_by_the_tables_rows_stays_whole() {
        // Ids 0..3 need no folding; ids up to 5 do, and this graph has none.
        assert!(split(bag_model(false), 2, 3).0.is_some());
        let (bag, whole) = split(bag_model(false), 2, 6);
        assert!(bag.is_none());
        assert_eq!(whole.input_outlets().unwrap().len(), 1);
        assert_eq!(whole.input_fact(0).unwrap().datum_type, i64::datum_type());
    }

    #[test]
    fn out_of_range_ids_give_no_sums() {
        let (bag, _) = split(bag_model(true), 2, 6);
        let bag = bag.expect("the bag is found");
        assert!(bag.sums(&[0, -1], 2).is_none());
    }

    /// The shipped taggers: each splits, and the cut graph on the bag's sums gives bit for bit the
    /// whole graph's probabilities, at lengths below, at and beyond the SIMD widths.
    #[test]
    fn the_embedded_taggers_split_with_bit_identical_probabilities() {
        for model in crate::model::embedded::ALL {
            // Read from the spec's JSON directly: the spec module depends on the graph, which depends on this one.
            let spec: serde_json::Value = serde_json::from_slice(model.spec.as_bytes()).unwrap();
            let field = |name: &str| spec["input"][name].as_u64().unwrap() as usize;
            let (slots, buckets) = (field("slots"), field("buckets"));
            let read = || super::super::nnef_reader::read(model.nnef).unwrap();
            let (bag, rest) = split(read().into_decluttered().unwrap(), slots, buckets);
            let bag = bag.unwrap_or_else(|| panic!("{} has an embedding bag", model.name));
            let rest = rest.into_optimized().unwrap().into_runnable().unwrap();
            let whole = read().into_optimized().unwrap().into_runnable().unwrap();
            for tokens in [1, 5, 16, 67, 700] {
                let ids = ids(tokens, slots, buckets);
                let bits = |out: TVec<TValue>| out[0].to_plain_array_view::<f32>().unwrap().iter().map(|p| p.to_bits()).collect::<Vec<_>>();
                let expected = bits(whole.run(tvec!(Tensor::from_shape(&[tokens, slots], &ids).unwrap().into_tvalue())).unwrap());
                let got = bits(rest.run(tvec!(bag.sums(&ids, slots).unwrap().into_tvalue())).unwrap());
                assert_eq!(got, expected, "{} on {tokens} tokens", model.name);
            }
        }
    }
}
