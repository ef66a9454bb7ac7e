package io.sinkline.emulator.maxcompute.sql;

import java.util.List;

/** Walks the non-blank tokens of one statement, for the statements the emulator parses itself (DDL, INSERT). */
final class Cursor {

    private final List<Token> tokens;
    private int pos;

    Cursor(List<Token> statement) {
        this.tokens = statement.stream().filter(t -> t.kind() != Token.Kind.SPACE).toList();
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    Token peek() {
        return atEnd() ? new Token(Token.Kind.SPACE, "", "") : tokens.get(pos);
    }

    Token peek(int ahead) {
        return pos + ahead >= tokens.size() ? new Token(Token.Kind.SPACE, "", "") : tokens.get(pos + ahead);
    }

    Token next() {
        if (atEnd()) {
            throw Lexer.syntax("unexpected end of statement");
        }
        return tokens.get(pos++);
    }

    boolean accept(String word) {
        if (peek().is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Accepts a sequence of words, all or nothing. */
    boolean accept(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!peek(i).is(words[i])) {
                return false;
            }
        }
        pos += words.length;
        return true;
    }

    void expect(String word) {
        if (!accept(word)) {
            throw Lexer.syntax("expected " + word + " but found '" + peek().raw() + "'");
        }
    }

    String name() {
        Token t = next();
        if (!t.isName()) {
            throw Lexer.syntax("expected a name but found '" + t.raw() + "'");
        }
        return t.text();
    }

    /** A possibly qualified object name ({@code project.table} or {@code project.schema.table}); returns the last part. */
    String objectName() {
        String name = name();
        while (peek().is(".") && peek(1).isName()) {
            next();
            name = name();
        }
        return name;
    }

    /** The remaining tokens of the statement (non-blank), e.g. the query of an INSERT. */
    List<Token> rest() {
        List<Token> r = tokens.subList(pos, tokens.size());
        pos = tokens.size();
        return r;
    }

    int position() {
        return pos;
    }
}
