package se.vaktpost.protocol;

/** Result of decoding a payload: a valid message or a rejection with its reason. */
public sealed interface Decoded<T> {

    record Valid<T>(T value) implements Decoded<T> {
    }

    record Invalid<T>(Rejection reason, String detail) implements Decoded<T> {
        public String describe() {
            return reason.tag() + ": " + detail;
        }
    }

    static <T> Decoded<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Decoded<T> invalid(Rejection reason, String detail) {
        return new Invalid<>(reason, detail);
    }
}
