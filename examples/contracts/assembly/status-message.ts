// Each account keeps a status message: set_status stores the input under the caller's name,
// get_status returns the message of the account named in the input (or nothing).
import { inputString, log, predecessor, returnString, storageRead, storageWrite, storageRemove, utf8, fail } from './env';

export function set_status(): void {
  const message = inputString();
  if (message.length == 0) fail('empty status');
  const who = predecessor();
  storageWrite(utf8('status:' + who), utf8(message));
  log(who + ' set status: ' + message);
}

export function get_status(): void {
  const who = inputString();
  const raw = storageRead(utf8('status:' + who));
  if (raw != null) returnString(String.UTF8.decode(raw.buffer));
}

export function clear_status(): void {
  storageRemove(utf8('status:' + predecessor()));
}
