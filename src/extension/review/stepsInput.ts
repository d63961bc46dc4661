import * as vscode from 'vscode';

/** One question of a multi-step input: typed text (a number when `numeric`), or a pick among `values`. */
export interface Step {
  readonly key: string;
  readonly title: string;
  readonly prompt: string;
  readonly numeric?: boolean;
  /** Offered as a pick; each with a label shown and the value stored. */
  readonly values?: readonly { readonly label: string; readonly value: string; readonly description?: string }[];
  /** What the step starts with: '' for nothing. */
  readonly initial: string;
}

interface PickItem extends vscode.QuickPickItem {
  readonly value: string;
}

/** The step on screen, for the integration tests to read and answer as a person would. */
export interface ShownStep {
  readonly key: string;
  readonly input: vscode.InputBox | vscode.QuickPick<PickItem>;
}

type Outcome = { readonly go: 'next'; readonly answer: string } | { readonly go: 'back' } | { readonly go: 'cancel' };

/**
 * Asks the steps in one input that shows "2/4" and a Back button, as VS Code's own multi-step
 * inputs do. Back keeps the answers given so far; Escape (or a click elsewhere) cancels the
 * whole input and nothing is answered. Answers are by step key, '' for empty / "not set".
 */
export class StepsInput {
  private shownStep: ShownStep | undefined;

  get shown(): ShownStep | undefined {
    return this.shownStep;
  }

  async ask(steps: readonly Step[]): Promise<Map<string, string> | undefined> {
    const answers = new Map(steps.map((s) => [s.key, s.initial]));
    let previous: vscode.QuickInput | undefined;
    try {
      for (let i = 0; i < steps.length;) {
        const step = steps[i]!;
        const { input, outcome } = this.show(step, i, steps.length, answers.get(step.key)!);
        // The next step is on screen before the last one goes, so the input does not flicker.
        previous?.dispose();
        previous = input;
        const result = await outcome;
        if (result.go === 'cancel') return undefined;
        if (result.go === 'back') i = Math.max(0, i - 1);
        else {
          answers.set(step.key, result.answer);
          i++;
        }
      }
      return answers;
    } finally {
      this.shownStep = undefined;
      previous?.dispose();
    }
  }

  private show(step: Step, index: number, total: number, value: string): { input: vscode.QuickInput; outcome: Promise<Outcome> } {
    const input = step.values ? this.pick(step, value) : this.box(step, value);
    input.title = step.title;
    input.step = index + 1;
    input.totalSteps = total;
    input.buttons = index > 0 ? [vscode.QuickInputButtons.Back] : [];
    const outcome = new Promise<Outcome>((resolve) => {
      let settled = false;
      const settle = (o: Outcome): void => {
        if (settled) return;
        settled = true;
        resolve(o);
      };
      input.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && settle({ go: 'back' }));
      input.onDidHide(() => settle({ go: 'cancel' }));
      if ('items' in input) {
        input.onDidAccept(() => {
          const [item] = input.selectedItems.length > 0 ? input.selectedItems : input.activeItems;
          if (item) settle({ go: 'next', answer: item.value });
        });
      } else {
        input.onDidAccept(() => {
          const problem = this.problem(step, input.value);
          input.validationMessage = problem;
          if (problem === undefined) settle({ go: 'next', answer: input.value.trim() });
        });
      }
    });
    this.shownStep = { key: step.key, input };
    input.show();
    return { input, outcome };
  }

  private box(step: Step, value: string): vscode.InputBox {
    const box = vscode.window.createInputBox();
    box.value = value;
    box.prompt = step.prompt;
    if (step.numeric) box.onDidChangeValue((v) => (box.validationMessage = this.problem(step, v)));
    return box;
  }

  private pick(step: Step, value: string): vscode.QuickPick<PickItem> {
    const pick = vscode.window.createQuickPick<PickItem>();
    pick.placeholder = step.prompt;
    pick.items = step.values!.map((v) => ({ label: v.label, value: v.value, ...(v.description ? { description: v.description } : {}) }));
    const current = pick.items.find((i) => i.value === value);
    if (current) pick.activeItems = [current];
    return pick;
  }

  private problem(step: Step, value: string): string | undefined {
    return step.numeric && value.trim() !== '' && !Number.isFinite(parseNumber(value)) ? vscode.l10n.t('A number, e.g. 2417 or 2,417 or 3.5') : undefined;
  }
}

/** "2,417", "2 417" (no-break spaces too) and "2_417" are 2417. */
export function parseNumber(text: string): number {
  const trimmed = text.trim().replace(/[,\u00a0\u202f\u2009 _]/g, '');
  return trimmed === '' ? NaN : Number(trimmed);
}
