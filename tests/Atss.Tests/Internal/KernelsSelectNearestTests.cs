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

    /// <summary>
    /// Long inputs are seeded with the entries around the smallest, then scanned out of index order: entries before the
    /// seed that tie the worst kept distance must still win on their lower index.
    /// </summary>
    [Theory]
    [InlineData(4096)]
    [InlineData(4099)]
    [InlineData(16800)]
    public void SelectNearest_LongSeededInputs_EqualTheSort(int length)
    {
        var rng = new Random(length);
        for (int trial = 0; trial < 40; trial++)
        {
            float[] dist = new float[length];
            int variant = trial % 5;
            int center = rng.Next(length);
            for (int i = 0; i < length; i++)
            {
                dist[i] = variant switch
                {
                    // A lattice-like bowl around a random place: many exact ties at every radius.
                    0 => MathF.Sqrt(MathF.Pow(((i % 128) - (center % 128)) * 8f, 2) + MathF.Pow(((i / 128) - (center / 128)) * 8f, 2)),
                    // A handful of values: the tie at the k-th distance spans the whole input, before and after the seed.
                    1 => rng.Next(3),
                    // The smallest entries at both ends (the seed sits at an end).
                    2 => i < 10 || i >= length - 10 ? rng.Next(2) : 5 + rng.Next(5),
                    // One smallest entry near the end, every other equal: the k - 1 others come from before the seed.
                    3 => i == length - 1 - (trial % 7) ? 0 : 1,
                    _ => (float)rng.NextDouble(),
                };
            }

            foreach (int k in (int[])[1, 9, Kernels.SeedLength, Kernels.SeedLength + 1])
            {
                int[] expected = SortReference(dist, k);
                var actual = new int[k];
                Kernels.SelectNearest(dist, new float[k], new int[k], actual);
                Assert.True(expected.SequenceEqual(actual), Describe("seeded", length, variant, k, expected, actual));
            }
        }
    }

    /// <summary>The seeded order at each vector width: the range before the seed must admit ties, the one after need not.</summary>
    [Theory]
    [MemberData(nameof(Tiers))]
    public void SelectNearestTier_SeededRanges_EqualTheSort(KernelTier tier)
    {
        var rng = new Random(77);
        foreach (int length in (int[])[300, 1000])
        {
            for (int trial = 0; trial < 30; trial++)
            {
                // Equal distances everywhere except one smaller entry near the end, or a few values at random.
                float[] dist = trial % 2 == 0
                    ? [.. Enumerable.Range(0, length).Select(i => i == length - 1 - (trial % 5) ? 0f : 1f)]
                    : [.. Enumerable.Range(0, length).Select(_ => (float)rng.Next(3))];
                int k = 1 + rng.Next(20);
                int seed = Math.Clamp(Kernels.IndexOfSmallest(dist) - (Kernels.SeedLength / 2), 0, length - Kernels.SeedLength);
                var heap = new NearestHeap(new float[k], new int[k]);
                for (int i = seed; i < seed + Kernels.SeedLength; i++)
                {
                    heap.Offer(dist[i], i);
                }

                ScanTier(tier, dist, 0, seed, ref heap, admitTies: true);
                ScanTier(tier, dist, seed + Kernels.SeedLength, length, ref heap, admitTies: false);
                var actual = new int[k];
                heap.DrainSorted(actual);
                int[] expected = SortReference(dist, k);
                Assert.True(expected.SequenceEqual(actual), Describe($"seeded {tier}", length, trial, k, expected, actual));
            }
        }
    }

    public static TheoryData<KernelTier> Tiers => [.. KernelTiers.Available()];

    [Fact]
    public void IndexOfSmallest_PointsAtTheSmallestEntry()
    {
        var rng = new Random(3);
        for (int length = 1; length <= 100; length++)
        {
            for (int trial = 0; trial < 20; trial++)
            {
                float[] values = [.. Enumerable.Range(0, length).Select(_ => (float)rng.Next(1, 50))];
                values[rng.Next(length)] = rng.Next(2) == 0 ? 0.5f : values.Min();
                Assert.Equal(values.Min(), values[Kernels.IndexOfSmallest(values)]);
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

        ScanTier(tier, dist, start, dist.Length, ref heap, admitTies: false);
        heap.DrainSorted(destination);
        return destination;
    }

    // Offers entries start..end - 1 at the forced width (Scalar: all one by one), then the tail one by one.
    private static void ScanTier(KernelTier tier, float[] dist, int start, int end, ref NearestHeap heap, bool admitTies)
    {
        ReadOnlySpan<float> range = dist.AsSpan(0, end);
        start = tier switch
        {
            KernelTier.Scalar => start,
            KernelTier.V128 => Kernels.SelectNearestV128(range, start, ref heap, admitTies),
            KernelTier.V256 => Kernels.SelectNearestV256(range, start, ref heap, admitTies),
            _ => Kernels.SelectNearestV512(range, start, ref heap, admitTies),
        };
        for (int i = start; i < end; i++)
        {
            heap.Offer(dist[i], i);
        }
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

    /// <summary>
    /// Locations of several entries (anchors) ranked as wholes: the same indices and k-th distance as the definition,
    /// whether every location has one distance (ties between locations included) or its entries differ slightly.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    public void TrySelectNearestGroups_EqualsTheSortWheneverItAccepts(int group)
    {
        var rng = new Random(group * 31);
        int shared = 0;
        int mixed = 0;
        int declined = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            int locations = 2 + rng.Next(20);
            int n = locations * group;
            bool spread = trial % 2 == 1;
            var dist = new float[n];
            for (int location = 0; location < locations; location++)
            {
                // Few distinct values, so locations tie; on odd trials some locations' entries differ by an ulp or two.
                float d = rng.Next(3) == 0 ? 0f : 0.5f * rng.Next(1, 8);
                bool differ = spread && rng.Next(3) == 0;
                for (int i = 0; i < group; i++)
                {
                    dist[(location * group) + i] = differ ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(d + 1f) + rng.Next(3)) : d;
                }
            }

            int k = rng.Next(2) == 0 ? group * (1 + rng.Next(locations)) : 1 + rng.Next(n);
            int[] destination = [.. Enumerable.Repeat(-5, k)];
            ulong[] keys = new ulong[2 * locations];
            if (!Kernels.TrySelectNearestGroups(dist, group, keys, destination, out float kth))
            {
                Assert.All(destination, v => Assert.Equal(-5, v));
                declined++;
                continue;
            }

            int[] expected = SortReference(dist, k);
            Assert.Equal(expected.Order(), destination);
            Assert.Equal(BitConverter.SingleToInt32Bits(dist[expected[^1]]), BitConverter.SingleToInt32Bits(kth));
            bool uniform = Enumerable.Range(0, n).All(i => dist[i] == dist[i - (i % group)]);
            shared += uniform ? 1 : 0;
            mixed += uniform ? 0 : 1;
        }

        // Every kind of outcome occurred, so the assertions above were exercised on each.
        Assert.True(shared > 500 && mixed > 100 && declined > 10, $"shared {shared}, mixed {mixed}, declined {declined}");
    }

    [Fact]
    public void TrySelectNearestGroups_DeclinesOverlapsAndPartialLocationsWhenEntriesDiffer()
    {
        float up = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(2f) + 1);
        ulong[] keys = new ulong[6];

        // Location 1's entries straddle location 2's distance: no set of whole locations is the two nearest entries' set.
        Assert.False(Kernels.TrySelectNearestGroups([1f, 1f, 2f, up, up, up], 2, keys, new int[4], out _));

        // Location 1 differs and k splits a location: declined.
        Assert.False(Kernels.TrySelectNearestGroups([1f, 1f, 2f, up, 3f, 3f], 2, keys, new int[3], out _));

        // The same with k a multiple of the group: the whole locations 0 and 1 (farthest 2 + ulp) are strictly nearer than 3.
        var destination = new int[4];
        Assert.True(Kernels.TrySelectNearestGroups([1f, 1f, 2f, up, 3f, 3f], 2, keys, destination, out float kth));
        Assert.Equal([0, 1, 2, 3], destination);
        Assert.Equal(up, kth);
    }

    [Fact]
    public void TrySelectNearestGroups_RejectsBadGroupsAndBuffers()
    {
        Assert.Throws<ArgumentException>(() => Kernels.TrySelectNearestGroups(new float[9], 2, new ulong[10], new int[2], out _));
        Assert.Throws<ArgumentException>(() => Kernels.TrySelectNearestGroups(new float[8], 0, new ulong[10], new int[2], out _));
        Assert.Throws<ArgumentException>(() => Kernels.TrySelectNearestGroups(new float[8], 2, new ulong[7], new int[2], out _));
        Assert.Throws<ArgumentException>(() => Kernels.TrySelectNearestGroups(new float[8], 2, new ulong[8], new int[9], out _));
        Assert.Throws<ArgumentException>(() => Kernels.TrySelectNearestGroups(new float[8], 2, new ulong[8], [], out _));
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
