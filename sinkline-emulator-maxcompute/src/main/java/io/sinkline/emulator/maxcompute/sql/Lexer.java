package io.sinkline.emulator.maxcompute.sql;

import java.util.ArrayList;
import java.util.List;

import io.sinkline.emulator.maxcompute.http.OdpsError;

/**
 * Splits MaxCompute SQL into tokens: words, back-quoted names, '…' and "…" string literals (both are strings in
 * MaxCompute, with backslash escapes), numbers, symbols; comments and blanks become SPACE tokens.
 */
public final class Lexer {

    private Lexer() {
    }

    public static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                out.add(new Token(Token.Kind.SPACE, " ", sql.substring(start, i)));
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                out.add(new Token(Token.Kind.SPACE, " ", sql.substring(start, i)));
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.add(new Token(Token.Kind.SPACE, " ", sql.substring(start, i)));
            } else if (c == '`') {
                int end = sql.indexOf('`', i + 1);
                if (end < 0) {
                    throw syntax("unterminated back-quoted name");
                }
                i = end + 1;
                out.add(new Token(Token.Kind.QUOTED_NAME, sql.substring(start + 1, end), sql.substring(start, i)));
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        char e = sql.charAt(i + 1);
                        value.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case '0' -> '\0';
                            default -> e;
                        });
                        i += 2;
                    } else if (d == c) {
                        i++;
                        closed = true;
                        break;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw syntax("unterminated string literal");
                }
                out.add(new Token(Token.Kind.STRING, value.toString(), sql.substring(start, i)));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Token.Kind.NUMBER, sql.substring(start, i), sql.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_' || c == '$' || c == '@') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$'
                        || sql.charAt(i) == '@')) {
                    i++;
                }
                out.add(new Token(Token.Kind.WORD, sql.substring(start, i), sql.substring(start, i)));
            } else {
                String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=") || two.equals("==")
                        || two.equals("||") || two.equals("::")) {
                    i += 2;
                } else {
                    i++;
                }
                out.add(new Token(Token.Kind.SYMBOL, sql.substring(start, i), sql.substring(start, i)));
            }
        }
        return out;
    }

    /** Splits a script into statements at top-level semicolons, dropping blank ones. */
    public static List<List<Token>> statements(String sql) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokenize(sql)) {
            if (t.is(";")) {
                addIfNotBlank(statements, current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<List<Token>> statements, List<Token> tokens) {
        if (tokens.stream().anyMatch(t -> t.kind() != Token.Kind.SPACE)) {
            statements.add(tokens);
        }
    }

    static OdpsError syntax(String message) {
        return new OdpsError(400, "ODPS-0130161", "Parse exception - " + message);
    }
}
