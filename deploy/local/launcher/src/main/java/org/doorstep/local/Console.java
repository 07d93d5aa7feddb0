package org.doorstep.local;

import java.io.PrintStream;

/** The launcher's output to the operator: one line at a time, safe from several threads. */
public final class Console {

    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    public synchronized void line(String format, Object... args) {
        out.println(args.length == 0 ? format : String.format(format, args));
        out.flush();
    }
}
