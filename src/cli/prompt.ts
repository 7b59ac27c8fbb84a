/**
 * Asking for a secret on the terminal without echoing it. Only the real process uses this;
 * tests pass secrets through the environment map of the harness.
 */
import { createInterface } from 'node:readline';

export async function askHidden(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw Object.assign(new Error('not a terminal: set the variable instead (VIGIL_USER, VIGIL_PASSWORD, …)'), { name: 'NoTerminal' });
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
  let muted = false;
  // Echo the prompt, then nothing of what is typed.
  out._writeToOutput = (s: string) => {
    if (!muted) out.output.write(s);
  };
  try {
    return await new Promise<string>((resolve) => {
      rl.question(prompt, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    muted = false;
    rl.close();
    process.stderr.write('\n');
  }
}
