package io.sinkline.bench.sink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command-line options of an end-to-end sink benchmark: {@code --name value} pairs, each
 * declared with a default and a one-line description, so {@code --help} and an unknown option
 * both print the full list.
 */
public final class BenchOptions {

    private record Option(String defaultValue, String description) {
    }

    private final String command;
    private final Map<String, Option> declared = new LinkedHashMap<>();
    private final Map<String, String> given = new LinkedHashMap<>();

    public BenchOptions(String command) {
        this.command = command;
    }

    /** Declares an option; call before {@link #parse}. */
    public BenchOptions declare(String name, Object defaultValue, String description) {
        declared.put(name, new Option(String.valueOf(defaultValue), description));
        return this;
    }

    /** Reads {@code --name value} pairs; {@code --help} prints the options and returns false. */
    public boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(usage());
                return false;
            }
            if (!arg.startsWith("--") || !declared.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + arg + "'\n" + usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value\n" + usage());
            }
            given.put(arg.substring(2), args[++i]);
        }
        return true;
    }

    public String string(String name) {
        Option option = declared.get(name);
        if (option == null) {
            throw new IllegalStateException("option --" + name + " was never declared");
        }
        return given.getOrDefault(name, option.defaultValue());
    }

    public int integer(String name) {
        try {
            return Integer.parseInt(string(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " needs a whole number, not '" + string(name) + "'");
        }
    }

    public boolean bool(String name) {
        String value = string(name);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("option --" + name + " needs true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** Every option with the value this run uses, for the report. */
    public Map<String, String> effective() {
        Map<String, String> values = new LinkedHashMap<>();
        declared.keySet().forEach(name -> values.put(name, string(name)));
        return values;
    }

    public String usage() {
        StringBuilder text = new StringBuilder("Options of ").append(command).append(":\n");
        declared.forEach((name, option) -> text.append(String.format("  --%-16s %s (default %s)%n", name,
                option.description(), option.defaultValue())));
        return text.toString();
    }
}
