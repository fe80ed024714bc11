import type { ConnectionStatus } from "../core/types";
import { describeConnection, type ExpectedDowntime } from "./format";
import { sendRequest } from "./requests";
import { useState } from "preact/hooks";
import { browser } from "wxt/browser";

interface Props {
  status: ConnectionStatus;
  configured: boolean;
  localNow: number;
  downtime: ExpectedDowntime;
}

/** Renders the connection state with a colored dot, and a reconnect button when closed. */
export function ConnectionLine({ status, configured, localNow, downtime }: Props) {
  const [requestError, setRequestError] = useState<string | null>(null);
  const line = describeConnection(status, configured, localNow, downtime);
  const canReconnect = configured && status.state !== "open";

  async function reconnect() {
    setRequestError(await sendRequest({ type: "reconnect" }));
  }

  return (
    <section class="connection" aria-label="Connection">
      <p class="connection-state">
        <span class={`dot dot-${line.tone}`} aria-hidden="true" />
        <span>
          <span aria-live="polite">{line.text}</span>
          {line.countdown && ` in ${line.countdown}`}
        </span>
      </p>
      {line.detail && <p class="connection-detail">{line.detail}</p>}
      {status.state === "error" && (
        <p class="connection-detail">
          If the endpoint contains a session id, it may have expired. Check it in the settings.
        </p>
      )}
      <div class="actions">
        {canReconnect && (
          <button type="button" onClick={reconnect}>
            Reconnect now
          </button>
        )}
        {status.state === "error" && (
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            Open settings
          </button>
        )}
      </div>
      {requestError && <p class="error">{requestError}</p>}
    </section>
  );
}
