#!/usr/bin/env node
// Renders each kustomization given (kubectl kustomize), reads each file given with --resources
// (documents applied by hand, e.g. samples) and --crds (CustomResourceDefinitions installed
// otherwise), and validates every document:
// - a document of an API group that a CustomResourceDefinition among them defines: with ajv against
//   that CRD's openAPIV3Schema for the document's version, unknown fields rejected (every object
//   schema with properties gets additionalProperties: false unless it has
//   x-kubernetes-preserve-unknown-fields); its metadata as an ObjectMeta, as below. The CRD's CEL
//   rules (x-kubernetes-validations) are not evaluated: only the API server does that;
// - any other document twice: against the JSON schema its model package ships (types, enums,
//   required fields), and as a TypeScript object literal of the model's interface, which rejects
//   unknown fields at any depth (the packaged schemas allow them).
// Usage: check.mjs [--resources FILE]... [--crds FILE]... [KUSTOMIZATION]...
// Exit status 1 names every document that fails.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import ts from "typescript";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));

// the model package of each API group; core groups live in kubernetes-models
const groups = {
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io",
  "keda.sh": "@kubernetes-models/keda/keda.sh",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};
const objectMeta = "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";

function groupVersion(apiVersion) {
  return apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
}

function modelPath({ apiVersion, kind }) {
  const [group, version] = groupVersion(apiVersion);
  const root = groups[group] ?? (group ? `kubernetes-models/${group}` : "kubernetes-models");
  return `${root}/${version}/${kind}`;
}

function parse(text) {
  return parseAllDocuments(text).map((doc) => doc.toJS()).filter(Boolean);
}

function render(kustomization) {
  return parse(execFileSync("kubectl", ["kustomize", kustomization], { encoding: "utf8" }));
}

const sources = [];
const options = { "--resources": [], "--crds": [] };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] in options) {
    if (i + 1 >= args.length) {
      console.error(`${args[i]} needs a file`);
      process.exit(2);
    }
    options[args[i]].push(args[++i]);
  } else {
    sources.push({ name: args[i], docs: () => render(args[i]) });
  }
}
for (const file of [...options["--crds"], ...options["--resources"]]) {
  sources.push({ name: file, docs: () => parse(readFileSync(file, "utf8")) });
}

const failures = [];
const documents = [];
for (const source of sources) {
  for (const doc of source.docs()) {
    documents.push({ label: `${source.name}: ${doc.kind} ${doc.metadata?.name}`, doc });
  }
}

// the custom resources each CRD defines: "group/version kind" -> the version's schema
const isCrd = (doc) =>
  doc.apiVersion === "apiextensions.k8s.io/v1" && doc.kind === "CustomResourceDefinition";
const customGroups = new Set();
const customSchemas = new Map();
for (const { doc } of documents.filter(({ doc }) => isCrd(doc))) {
  customGroups.add(doc.spec?.group);
  for (const version of doc.spec?.versions ?? []) {
    customSchemas.set(
      `${doc.spec.group}/${version.name} ${doc.spec.names?.kind}`,
      version.schema?.openAPIV3Schema,
    );
  }
}

// unknown fields are errors: the API server would prune them, and the setting be silently lost.
// Only the keywords that hold a structural schema's fields are walked: properties, items and
// additionalProperties (allOf, anyOf, oneOf and not may name only fields given outside them).
function closed(schema) {
  if (schema === null || typeof schema !== "object") {
    return schema; // additionalProperties: true or false
  }
  const copy = { ...schema };
  if (copy.properties) {
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties).map(([name, property]) => [name, closed(property)]),
    );
    if (copy["x-kubernetes-preserve-unknown-fields"] !== true) {
      copy.additionalProperties ??= false;
    }
  }
  for (const key of ["items", "additionalProperties"]) {
    if (copy[key] !== undefined) {
      copy[key] = closed(copy[key]);
    }
  }
  return copy;
}

// strict: false, so ajv passes over the x-kubernetes-* keywords and the CEL rules it cannot read
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map();
function customValidator(apiVersion, kind) {
  const key = `${apiVersion} ${kind}`;
  if (!validators.has(key)) {
    const schema = customSchemas.get(key);
    if (!schema) {
      validators.set(key, null);
    } else {
      // the fields every object has, which a CRD's schema leaves to the API server
      const root = closed(schema);
      root.properties = {
        apiVersion: { type: "string", enum: [apiVersion] },
        kind: { type: "string", enum: [kind] },
        metadata: { type: "object" },
        ...root.properties,
      };
      root.required = [...new Set(["apiVersion", "kind", "metadata", ...(root.required ?? [])])];
      validators.set(key, ajv.compile(root));
    }
  }
  return validators.get(key);
}

const typed = [];
for (const { label, doc } of documents) {
  const [group] = groupVersion(doc.apiVersion ?? "");
  if (customGroups.has(group)) {
    const validate = customValidator(doc.apiVersion, doc.kind);
    if (!validate) {
      failures.push(`${label}: no CustomResourceDefinition defines ${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    if (!validate(doc)) {
      for (const e of validate.errors) {
        const extra = e.params?.additionalProperty;
        failures.push(`${label}: ${e.instancePath || "/"} ${e.message}${extra ? `: ${extra}` : ""}`);
      }
    }
    const { ObjectMeta } = await import(objectMeta);
    try {
      new ObjectMeta(doc.metadata).validate();
    } catch (e) {
      failures.push(`${label}: metadata: ${e.message}`);
    }
    typed.push({ label, path: objectMeta, type: "IObjectMeta", value: doc.metadata });
    continue;
  }
  const path = modelPath(doc);
  let Model;
  try {
    Model = (await import(path))[doc.kind];
  } catch {
    failures.push(`${label}: no schema for ${doc.apiVersion} ${doc.kind}`);
    continue;
  }
  try {
    new Model(doc).validate();
  } catch (e) {
    failures.push(`${label}: ${e.message}`);
  }
  typed.push({ label, path, type: `I${doc.kind}`, value: doc });
}

// one declaration per document, so each diagnostic's line tells which document it is about
const dir = mkdtempSync(join(here, ".check-"));
const file = join(dir, "manifests.ts");
const lines = typed.map(
  ({ path, type, value }, i) =>
    `import type { ${type} as T${i} } from "${path}";\n` +
    `export const d${i}: T${i} = ${JSON.stringify(value)};`,
);
writeFileSync(file, lines.join("\n") + "\n");
try {
  const program = ts.createProgram([file], {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    typeRoots: [],
  });
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const at = d.file?.fileName === file ? typed[Math.floor(line / 2)]?.label : d.file?.fileName;
    failures.push(`${at ?? "check"}: ${message}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (failures.length) {
  console.error(failures.join("\n"));
  console.error(`${failures.length} problem(s) in ${documents.length} documents`);
  process.exit(1);
}
console.log(`${documents.length} documents valid, no unknown fields`);
