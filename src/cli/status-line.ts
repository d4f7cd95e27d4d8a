// One line of progress: on a terminal rewritten in place (a final line
// stays), in a CI log only the final lines.

export function statusLine(stream: NodeJS.WriteStream): (text: string, final?: boolean) => void {
  const tty = stream.isTTY === true;
  return (text, final = false) => {
    if (tty) stream.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
    else if (final) stream.write(`${text}\n`);
  };
}
