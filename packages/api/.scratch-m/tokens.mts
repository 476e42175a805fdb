import { readFileSync } from 'node:fs';
import { Lexer, Source, TokenKind } from 'graphql';
const lexer = new Lexer(new Source(readFileSync(process.argv[2]!, 'utf8')));
let n = 0; while (lexer.advance().kind !== TokenKind.EOF) n++;
console.log('tokens', n);
