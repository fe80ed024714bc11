// JSON with one tolerated defect: a trailing comma before `}` or `]`. The
// service's own published examples end their objects with `,}`.

/** Parses JSON text, first dropping trailing commas outside strings. */
export function parseLenientJson(text: string): unknown {
  return JSON.parse(stripTrailingCommas(text));
}

function stripTrailingCommas(text: string): string {
  let out = "";
  let inString = false;
  let pendingComma = "";

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      out += char;
      if (char === "\\") out += text[++i] ?? "";
      else if (char === '"') inString = false;
      continue;
    }

    if (pendingComma !== "") {
      if (/\s/.test(char)) {
        pendingComma += char;
        continue;
      }
      // Drop the comma only where it follows a value and closes a container.
      const closes = char === "}" || char === "]";
      const followsValue = !/[[{,]\s*$/.test(out);
      out += closes && followsValue ? pendingComma.slice(1) : pendingComma;
      pendingComma = "";
    }

    if (char === ",") pendingComma = ",";
    else {
      if (char === '"') inString = true;
      out += char;
    }
  }
  return out + pendingComma;
}
