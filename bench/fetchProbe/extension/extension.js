// Activated in the extension host of the code-server under test: 32 sequential requests through
// VS Code's global fetch (the extension's client), then the outcome to the probe over plain HTTP.
const url = process.env.PROBE_URL;
exports.activate = async () => {
  const result = { ok: 0, errors: [] };
  for (let i = 0; i < 32; i++) {
    try {
      const response = await fetch(`${url}/r/${i}`);
      await response.text();
      result.ok++;
    } catch (e) {
      result.errors.push(String(e?.cause?.code ?? e?.cause?.message ?? e?.message));
    }
  }
  await fetch(`${process.env.PROBE_DONE}/done?${encodeURIComponent(JSON.stringify(result))}`);
};
