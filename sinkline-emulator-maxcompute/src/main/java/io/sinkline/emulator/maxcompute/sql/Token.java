package io.sinkline.emulator.maxcompute.sql;

/** One lexical token of MaxCompute SQL; {@code text} is the decoded value for strings and back-quoted names. */
public record Token(Kind kind, String text, String raw) {

    public enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, SYMBOL, SPACE }

    public boolean is(String word) {
        return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
    }

    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
    }
}
