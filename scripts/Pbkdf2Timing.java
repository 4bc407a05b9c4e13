import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Measures PBKDF2WithHmacSHA256 on this machine, to choose Accounts.DEFAULT_ITERATIONS (docs/ACCOUNTS.md):
 * {@code java scripts/Pbkdf2Timing.java [iterations...]}. Prints the best and mean of 5 runs after 3 warm-ups.
 */
public class Pbkdf2Timing {
    public static void main(String[] args) throws Exception {
        int[] counts = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {100_000, 300_000, 600_000, 1_000_000};
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salt = new byte[16];
        for (int iterations : counts) {
            for (int i = 0; i < 3; i++) {
                f.generateSecret(new PBEKeySpec("correct horse".toCharArray(), salt, iterations, 256)).getEncoded();
            }
            long best = Long.MAX_VALUE;
            long sum = 0;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                f.generateSecret(new PBEKeySpec("correct horse".toCharArray(), salt, iterations, 256)).getEncoded();
                long took = System.nanoTime() - start;
                best = Math.min(best, took);
                sum += took;
            }
            System.out.printf("%,10d iterations: best %4.0f ms, mean %4.0f ms%n", iterations, best / 1e6, sum / 5 / 1e6);
        }
    }
}
