package org.dozvon.telephony.pacing.bench;

import java.util.SplittableRandom;

/**
 * The benchmark's random streams (common random numbers): every stream is a {@link SplittableRandom} whose
 * seed is SplitMix64's finaliser applied to (master seed, domain, index), so that lead {@code i} of seed
 * {@code s} is the same person under every policy.
 */
final class Streams {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Streams() {
    }

    /** SplitMix64's output function (Steele, Lea, Flood 2014). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** mix64(masterSeed, i): the seed of the i-th stream of a master seed. */
    static long mix64(long master, long index) {
        return mix64(mix64(master) + GOLDEN * (index + 1));
    }

    static SplittableRandom lead(long seed, long index) {
        return new SplittableRandom(mix64(seed, index));
    }

    static SplittableRandom of(long seed, String domain, long index) {
        return new SplittableRandom(mix64(mix64(seed, domain.hashCode() & 0xffffffffL) ^ 0x5DEECE66DL, index));
    }

    static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** A lognormal with this mean and standard deviation; always takes two uniforms (Box–Muller). */
    static double lognormal(SplittableRandom random, double mean, double sd) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        double z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        double sigma2 = Math.log(1 + sd * sd / (mean * mean));
        return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * z);
    }
}
