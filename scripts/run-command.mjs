// Shared by the scripts that build or install before they start a browser.
import { spawn } from "node:child_process";

/** Runs a command with inherited output and resolves when it exits with 0. */
export function run(command, args, env = process.env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(" ")} failed with exit code ${code}`));
    });
  });
}
