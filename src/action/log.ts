import * as core from "@actions/core";
import { type Logger, pino } from "pino";

/** One pino record, as the logger writes it. */
export interface LogRecord {
  level: number;
  msg?: string;
  err?: { message?: string; type?: string };
  [field: string]: unknown;
}

const ERROR = 50;
const WARN = 40;
const INFO = 30;

/**
 * The app's logger, printed for the Actions log: errors and warnings become annotations (shown
 * on the run's summary), debug lines appear when the run is re-run with debug logging. Each
 * record is also handed to `observe`.
 */
export function actionLogger(observe: (record: LogRecord) => void): Logger {
  const destination = {
    write(line: string) {
      const record = JSON.parse(line) as LogRecord;
      observe(record);
      const text = describeRecord(record);
      if (record.level >= ERROR) core.error(text);
      else if (record.level >= WARN) core.warning(text);
      else if (record.level >= INFO) core.info(text);
      else core.debug(text);
    },
  };
  return pino(
    { level: core.isDebug() ? "debug" : "info", base: null, timestamp: false },
    destination,
  );
}

/** The message, the error's message and the other fields, on one line. */
function describeRecord(record: LogRecord): string {
  const { level: _level, msg, err, name: _name, ...fields } = record;
  const parts = [msg, err?.message && err.message !== msg ? err.message : undefined];
  if (Object.keys(fields).length > 0) parts.push(JSON.stringify(fields));
  return parts.filter(Boolean).join(" ");
}
