/** `acr-locks doctor`: one registry's sign-in and permissions, checked with one request at a time. */
import { type CliOptions } from './args';
import { doctorExit, doctorJson, doctorText, runDoctor } from './doctor';
import { type CliIo, EXIT_ERROR, jsonText } from './io';
import { createRunContext } from './runContext';

export async function doctorMain(options: CliOptions, io: CliIo, fail: (message: string) => void): Promise<number> {
  const created = await createRunContext({ ...options, concurrency: 1 }, io);
  if (!created.ok) {
    fail(created.message);
    return EXIT_ERROR;
  }
  const { context } = created;
  const loginServer = options.registry ?? '';

  const report = await runDoctor(loginServer, options.repository, context);
  io.stdout.write(options.json ? `${jsonText(doctorJson(report))}\n` : doctorText(report));
  return doctorExit(report);
}
