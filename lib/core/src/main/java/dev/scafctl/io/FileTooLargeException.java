package dev.scafctl.io;

import dev.scafctl.error.InvalidInputException;

import java.nio.file.Path;

/** A file refused for its size before it was read whole; {@link #size()} is -1 when the file has no size (a FIFO, a device). */
public final class FileTooLargeException extends InvalidInputException {
    private final transient Path file;
    private final long size;
    private final long limit;

    FileTooLargeException(Path file, long size, long limit, String what, String nextStep) {
        super(message(file, size, limit, what), nextStep);
        this.file = file;
        this.size = size;
        this.limit = limit;
    }

    private static String message(Path file, long size, long limit, String what) {
        String most = "the " + BoundedFiles.describeSize(limit) + " scafctl reads";
        return size >= 0
                ? what + " " + file + " is " + BoundedFiles.describeSize(size) + ", more than " + most
                : what + " " + file + " gave more than " + most + " (it is not a regular file, so its size was not known beforehand)";
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
