// A small JSON Schema checker for the worker tests: enough of 2020-12 to hold
// the worker's answers to its own OpenAPI description (type, properties,
// required, additionalProperties, items, enum, const, oneOf, anyOf, minimum,
// maximum, $ref into the same document). Not a test file itself.

const typeOf = (value) =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;

function matchesType(value, type) {
  const actual = typeOf(value);
  return type === actual || (type === "number" && actual === "integer");
}

/** The problems of `value` against `schema` (empty when it conforms). `root` resolves $refs. */
export function validate(value, schema, root, at = "$") {
  if (schema === true || schema === undefined) return [];
  if (schema.$ref) {
    const target = schema.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((node, key) => node?.[key], root);
    if (!target) return [`${at}: unresolved ${schema.$ref}`];
    return validate(value, target, root, at);
  }
  const problems = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => matchesType(value, t))) return [`${at}: ${typeOf(value)} is not ${types.join("|")}`];
  }
  if ("const" in schema && value !== schema.const) problems.push(`${at}: not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: above ${schema.maximum}`);
  }
  for (const [keyword, want] of [["oneOf", 1], ["anyOf", 0]]) {
    if (!schema[keyword]) continue;
    const passing = schema[keyword].filter((s) => validate(value, s, root, at).length === 0).length;
    if (want === 1 ? passing !== 1 : passing === 0) problems.push(`${at}: ${keyword} matched ${passing}`);
  }
  if (typeOf(value) === "object") {
    for (const key of schema.required ?? []) if (!(key in value)) problems.push(`${at}: missing ${key}`);
    for (const [key, child] of Object.entries(value)) {
      const sub = schema.properties?.[key] ?? schema.additionalProperties;
      if (sub === false) problems.push(`${at}: unexpected ${key}`);
      else if (sub && sub !== true) problems.push(...validate(child, sub, root, `${at}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => problems.push(...validate(item, schema.items, root, `${at}[${i}]`)));
  }
  return problems;
}
