/** Where the CLI writes, so tests can capture it. */
export interface Output {
  line(text: string): void;
  error(text: string): void;
}

export const consoleOutput: Output = {
  line: (text) => console.log(text),
  error: (text) => console.error(text),
};
