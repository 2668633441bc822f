#!/usr/bin/env node
// Renders each kustomization given (kubectl kustomize) and validates every document twice:
// against the JSON schema its model package ships (types, enums, required fields), and as a
// TypeScript object literal of the model's interface, which rejects unknown fields at any depth
// (the packaged schemas allow them). Exit status 1 names every document that fails.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));

// the model package of each API group; core groups live in kubernetes-models
const groups = {
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io",
  "keda.sh": "@kubernetes-models/keda/keda.sh",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};

function modelPath({ apiVersion, kind }) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const root = groups[group] ?? (group ? `kubernetes-models/${group}` : "kubernetes-models");
  return `${root}/${version}/${kind}`;
}

function render(kustomization) {
  const text = execFileSync("kubectl", ["kustomize", kustomization], { encoding: "utf8" });
  return parseAllDocuments(text).map((doc) => doc.toJS()).filter(Boolean);
}

const failures = [];
const typed = [];
for (const kustomization of process.argv.slice(2)) {
  for (const doc of render(kustomization)) {
    const label = `${kustomization}: ${doc.kind} ${doc.metadata?.name}`;
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
    typed.push({ label, path, doc });
  }
}

// one declaration per document, so each diagnostic's line tells which document it is about
const dir = mkdtempSync(join(here, ".check-"));
const file = join(dir, "manifests.ts");
const lines = typed.map(
  ({ path, doc }, i) =>
    `import type { I${doc.kind} as T${i} } from "${path}";\n` +
    `export const d${i}: T${i} = ${JSON.stringify(doc)};`,
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
  console.error(`${failures.length} problem(s) in ${typed.length} documents`);
  process.exit(1);
}
console.log(`${typed.length} documents valid, no unknown fields`);
