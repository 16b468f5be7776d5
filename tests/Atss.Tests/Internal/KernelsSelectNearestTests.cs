namespace Atss.Tests.Internal;

/// <summary>
/// <c>Kernels.SelectNearest</c>: the k smallest distances in increasing (distance, index) order. Every width, run
/// in-process, agrees with <c>SelectNearestScalar</c> and with a sort, at every length from 0 to past three 512-bit
/// vectors and every k from 1 to the length, on inputs full of exact ties.
/// </summary>
public class KernelsSelectNearestTests
{
    private const int Variants = 6;

    public static TheoryData<KernelTier, int> TierLengths
    {
        get
        {
            var data = new TheoryData<KernelTier, int>();
            foreach (KernelTier tier in KernelTiers.Available())
            {
                for (int n = 0; n <= KernelTiers.MaxLength; n++)
                {
                    data.Add(tier, n);
                }
            }

            return data;
        }
    }

    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, KernelTiers.MaxLength + 1)];

    [Theory]
    [MemberData(nameof(TierLengths))]
    public void SelectNearestTier_MatchesScalarAndSort(KernelTier tier, int length)
    {
        for (int variant = 0; variant < Variants; variant++)
        {
            float[] dist = Distances(length, variant);
            for (int k = Math.Min(1, length); k <= length; k++)
            {
                int[] expected = SortReference(dist, k);
                int[] scalar = new int[k];
                Kernels.SelectNearestScalar(dist, new float[k], new int[k], scalar);
                Assert.True(expected.SequenceEqual(scalar), Describe("scalar", length, variant, k, expected, scalar));

                int[] actual = RunTier(tier, dist, k);
                Assert.True(expected.SequenceEqual(actual), Describe(tier.ToString(), length, variant, k, expected, actual));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SelectNearest_Dispatch_MatchesScalar(int length)
    {
        for (int variant = 0; variant < Variants; variant++)
        {
            float[] dist = Distances(length, variant);
            for (int k = Math.Min(1, length); k <= length; k++)
            {
                var scalar = new int[k];
                Kernels.SelectNearestScalar(dist, new float[k], new int[k], scalar);

                // Heap buffers longer than k, as the workspace hands them out.
                var actual = new int[k];
                Kernels.SelectNearest(dist, new float[k + 7], new int[k + 7], actual);
                Assert.True(scalar.SequenceEqual(actual), Describe("dispatch", length, variant, k, scalar, actual));
            }
        }
    }

    [Fact]
    public void SelectNearest_AllDistancesEqual_TakesLowestIndices()
    {
        var dist = new float[40];
        Array.Fill(dist, 3f);
        var destination = new int[9];
        Kernels.SelectNearest(dist, new float[9], new int[9], destination);
        Assert.Equal(Enumerable.Range(0, 9), destination);
    }

    [Fact]
    public void SelectNearest_ZeroK_WritesNothing()
    {
        Kernels.SelectNearest([1f, 2f], [], [], []);
        Kernels.SelectNearest([], [], [], []);
    }

    private static int[] RunTier(KernelTier tier, float[] dist, int k)
    {
        var destination = new int[k];
        if (tier == KernelTier.Scalar || k == 0)
        {
            Kernels.SelectNearestScalar(dist, new float[k], new int[k], destination);
            return destination;
        }

        // The dispatcher's shape with the width forced: fill the heap, scan with the vector width, finish in scalar.
        var heap = new NearestHeap(new float[k], new int[k]);
        int start = Math.Min(k, dist.Length);
        for (int i = 0; i < start; i++)
        {
            heap.Offer(dist[i], i);
        }

        start = tier switch
        {
            KernelTier.V128 => Kernels.SelectNearestV128(dist, start, ref heap),
            KernelTier.V256 => Kernels.SelectNearestV256(dist, start, ref heap),
            _ => Kernels.SelectNearestV512(dist, start, ref heap),
        };
        for (int i = start; i < dist.Length; i++)
        {
            heap.Offer(dist[i], i);
        }

        heap.DrainSorted(destination);
        return destination;
    }

    /// <summary>The definition: order all indices by (distance, index) and take the first k.</summary>
    [Theory]
    [MemberData(nameof(Lengths))]
    public void SelectNearestByKey_SameSetAsTheSortInIndexOrder(int length)
    {
        // Also lengths past the sweep (the window search uses it on 144 and more), where the quickselect recurses.
        foreach (int n in new[] { length, (length * 7) + 100 })
        {
            for (int variant = 0; variant < Variants; variant++)
            {
                float[] dist = Distances(n, variant);
                for (int k = 1; k <= n; k += n > 60 ? 7 : 1)
                {
                    int[] expected = SortReference(dist, k);
                    var actual = new int[k];
                    ulong[] keys = [.. Enumerable.Repeat(ulong.MaxValue, n + 2)];
                    float kth = Kernels.SelectNearestByKey(dist, keys, actual);
                    Assert.True(expected.Order().SequenceEqual(actual), Describe("by key", n, variant, k, [.. expected.Order()], actual));
                    Assert.Equal(dist[expected[^1]], kth);
                }
            }
        }

        if (length > 0)
        {
            Assert.Throws<ArgumentException>(() => Kernels.SelectNearestByKey(new float[length], new ulong[length], new int[length + 1]));
            Assert.Throws<ArgumentException>(() => Kernels.SelectNearestByKey(new float[length], new ulong[length - 1], new int[1]));
        }

        Assert.Throws<ArgumentException>(() => Kernels.SelectNearestByKey(new float[length], new ulong[length], []));
    }

    private static int[] SortReference(float[] dist, int k)
        => [.. Enumerable.Range(0, dist.Length).OrderBy(i => dist[i]).ThenBy(i => i).Take(k)];

    private static float[] Distances(int length, int variant)
    {
        var rng = new Random((length * 17) + variant);
        var d = new float[length];
        for (int i = 0; i < length; i++)
        {
            d[i] = variant switch
            {
                // A handful of values: ties everywhere, including across the k boundary.
                0 => rng.Next(4),
                // All equal.
                1 => 2.5f,
                // Descending: every element beats the worst kept one (heap worst case).
                2 => length - i,
                // Ascending: nothing after the first k enters.
                3 => i,
                // Ignored priors (1e8) mixed with grid distances.
                4 => rng.Next(3) == 0 ? 1e8f : MathF.Sqrt(rng.Next(5) * 64f),
                // Arbitrary floats.
                _ => (float)rng.NextDouble(),
            };
        }

        return d;
    }

    private static string Describe(string what, int length, int variant, int k, int[] expected, int[] actual)
        => $"{what}: length {length}, variant {variant}, k {k}: expected [{string.Join(",", expected)}], got [{string.Join(",", actual)}]";
}
