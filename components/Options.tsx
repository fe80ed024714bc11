import { useEffect, useState } from "preact/hooks";
import { validateEndpoint } from "../core/endpoint";
import { MAX_REMINDER_MINUTES, PHASES } from "../core/settings";
import type { Phase } from "../core/types";
import { sendRequest } from "./requests";
import { settingsItem } from "../lib/storage";
import {
  PHASE_LABELS,
  readForm,
  toForm,
  type FormErrors,
  type SettingsForm,
} from "./settings-form";
import { describeOutcome, testConnection, type TestSocketClass } from "./test-connection";

interface Props {
  /** WebSocket class that "Test connection" uses, so tests can pass a fake. Default: WebSocket. */
  socketClass?: TestSocketClass;
}

/** Renders the settings form: endpoint, reminder lead time and notification toggles. */
export function Options({ socketClass }: Props) {
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [saveStatus, setSaveStatus] = useState("");
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);

  useEffect(() => {
    void settingsItem.getValue().then((settings) => setForm(toForm(settings)));
  }, []);

  // Focus moves after the render, so a screen reader reads the new error with the field.
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId]);

  if (!form) return <p>Loading settings…</p>;

  function update(patch: Partial<SettingsForm>) {
    setForm({ ...form!, ...patch });
    setSaveStatus("");
  }

  function toggle(phase: Phase, checked: boolean) {
    update({ notify: { ...form!.notify, [phase]: checked } });
  }

  async function save(event: Event) {
    event.preventDefault();
    const check = readForm(form!);
    setFocusId(null);
    if (!check.ok) {
      setErrors(check.errors);
      setSaveStatus("Not saved. Correct the fields marked above.");
      setFocusId(check.errors.endpoint ? "endpoint" : "reminder");
      return;
    }

    setErrors({});
    try {
      await settingsItem.setValue(check.settings);
      setForm(toForm(check.settings));
      // Saving reconnects even when the endpoint is unchanged, as a quick retry.
      const requestError = await sendRequest({ type: "reconnect" });
      setSaveStatus(requestError ? `Saved, but reconnecting failed. ${requestError}` : "Saved.");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setSaveStatus(`Saving the settings failed: ${reason}. Try again.`);
    }
  }

  async function runTest() {
    const endpoint = validateEndpoint(form!.endpoint);
    if (!endpoint.ok) {
      setErrors({ ...errors, endpoint: endpoint.error });
      setTestResult(null);
      return;
    }

    setErrors({ ...errors, endpoint: undefined });
    setTesting(true);
    setTestResult({ tone: "pending", text: "Testing the connection…" });
    const outcome = await testConnection(endpoint.url, { socketClass });
    const tone = outcome.kind === "greeted" ? "ok" : "failed";
    setTestResult({ tone, text: describeOutcome(outcome, endpoint.url) });
    setTesting(false);
  }

  return (
    <main>
      <h1>Broadcast Alerts settings</h1>
      <form onSubmit={save} noValidate>
        <div class="field">
          <label for="endpoint">Endpoint URL</label>
          <input
            id="endpoint"
            type="text"
            value={form.endpoint}
            placeholder="wss://socket.example.org/"
            autocomplete="off"
            spellcheck={false}
            aria-invalid={errors.endpoint ? "true" : undefined}
            aria-describedby={errors.endpoint ? "endpoint-error endpoint-help" : "endpoint-help"}
            onInput={(event) => {
              update({ endpoint: event.currentTarget.value });
              // A result for the previous URL would mislead.
              if (!testing) setTestResult(null);
            }}
          />
          <FieldError id="endpoint-error" error={errors.endpoint} />
          <p id="endpoint-help" class="help">
            The ws:// or wss:// address of the broadcast service. It may contain a session id, so do
            not share it. Leave it empty to stop listening.
          </p>
        </div>

        <div class="field">
          <label for="reminder">Reminder before a window starts (minutes)</label>
          <input
            id="reminder"
            type="number"
            min={0}
            max={MAX_REMINDER_MINUTES}
            step={1}
            value={form.reminder}
            aria-invalid={errors.reminder ? "true" : undefined}
            aria-describedby={errors.reminder ? "reminder-error" : undefined}
            onInput={(event) => update({ reminder: event.currentTarget.value })}
          />
          <FieldError id="reminder-error" error={errors.reminder} />
        </div>

        <fieldset>
          <legend>Show a desktop notification when</legend>
          {PHASES.map((phase) => (
            <label key={phase} class="check">
              <input
                type="checkbox"
                checked={form.notify[phase]}
                onChange={(event) => toggle(phase, event.currentTarget.checked)}
              />
              {PHASE_LABELS[phase]}
            </label>
          ))}
        </fieldset>

        <div class="actions">
          <button type="submit">Save</button>
          <button type="button" onClick={runTest} disabled={testing}>
            Test connection
          </button>
        </div>
        <p role="status" class={saveStatus.startsWith("Saved") ? undefined : "error"}>
          {saveStatus}
        </p>
        <p role="status" class={`message test-${testResult?.tone ?? "none"}`}>
          {testResult?.text}
        </p>
      </form>
    </main>
  );
}

/** Outcome of "Test connection" in words, with a tone that sets its color. */
interface TestResult {
  tone: "pending" | "ok" | "failed";
  text: string;
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={id} class="error">
      {error}
    </p>
  );
}
