using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// Writes to <paramref name="destination"/> the indices of the <c>destination.Length</c> smallest entries of
    /// <paramref name="dist"/>, in increasing (distance, index) order: equal distances keep the lower index.
    /// O(n + k log k · hits); once the heap is full a whole vector is skipped when no lane can beat the worst kept key.
    /// Long inputs first offer the <see cref="SeedLength"/> entries around the smallest one, so the bound is nearly
    /// tight for the whole pass (in index order alone it tightens only near the nearest entries, after hundreds of
    /// offers on a level of a large image).
    /// </summary>
    public static void SelectNearest(ReadOnlySpan<float> dist, Span<float> heapDist, Span<int> heapIndex, Span<int> destination)
    {
        int k = destination.Length;
        if (k == 0)
        {
            return;
        }

        var heap = new NearestHeap(heapDist[..k], heapIndex[..k]);
        if (dist.Length >= SeededLength && k <= SeedLength && Vector128.IsHardwareAccelerated)
        {
            // The heap keeps the k smallest (distance, index) keys whatever the order they come in.
            int seed = Math.Clamp(IndexOfSmallest(dist) - (SeedLength / 2), 0, dist.Length - SeedLength);
            for (int i = seed; i < seed + SeedLength; i++)
            {
                heap.Offer(dist[i], i);
            }

            SelectNearestRange(dist, 0, seed, ref heap, admitTies: true);
            SelectNearestRange(dist, seed + SeedLength, dist.Length, ref heap, admitTies: false);
        }
        else
        {
            int start = Math.Min(k, dist.Length);
            for (int i = 0; i < start; i++)
            {
                heap.Offer(dist[i], i);
            }

            SelectNearestRange(dist, start, dist.Length, ref heap, admitTies: false);
        }

        heap.DrainSorted(destination);
    }

    /// <summary>
    /// An index of the smallest entry (the first one within its vector; any would do for a seed): one pass of vector
    /// minima, then the first vector that holds it. Entries are finite; there is at least one.
    /// </summary>
    internal static int IndexOfSmallest(ReadOnlySpan<float> values)
        => Vector512.IsHardwareAccelerated ? IndexOfSmallestV512(values) : IndexOfSmallestPortable(values);

    private static int IndexOfSmallestV512(ReadOnlySpan<float> values)
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        int whole = values.Length - (values.Length % Vector512<float>.Count);
        float smallest = float.PositiveInfinity;
        if (whole > 0)
        {
            Vector512<float> lanes = Vector512.LoadUnsafe(ref v);
            for (int i = Vector512<float>.Count; i < whole; i += Vector512<float>.Count)
            {
                lanes = Vector512.MinNative(lanes, Vector512.LoadUnsafe(ref v, (nuint)i));
            }

            Vector256<float> half = Vector256.Min(lanes.GetLower(), lanes.GetUpper());
            for (int lane = 0; lane < Vector256<float>.Count; lane++)
            {
                smallest = Math.Min(smallest, half[lane]);
            }
        }

        for (int i = whole; i < values.Length; i++)
        {
            smallest = Math.Min(smallest, values[i]);
        }

        Vector512<float> target = Vector512.Create(smallest);
        for (int i = 0; i < whole; i += Vector512<float>.Count)
        {
            ulong found = Vector512.Equals(Vector512.LoadUnsafe(ref v, (nuint)i), target).ExtractMostSignificantBits();
            if (found != 0)
            {
                return i + BitOperations.TrailingZeroCount(found);
            }
        }

        return whole + values[whole..].IndexOf(smallest);
    }

    // The same with Vector<float> (whatever width the platform has).
    private static int IndexOfSmallestPortable(ReadOnlySpan<float> values)
    {
        ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        float smallest = float.PositiveInfinity;
        if (!vectors.IsEmpty)
        {
            Vector<float> lanes = vectors[0];
            foreach (Vector<float> v in vectors[1..])
            {
                lanes = Vector.MinNative(lanes, v);
            }

            for (int lane = 0; lane < Vector<float>.Count; lane++)
            {
                smallest = Math.Min(smallest, lanes[lane]);
            }
        }

        int whole = vectors.Length * Vector<float>.Count;
        for (int i = whole; i < values.Length; i++)
        {
            smallest = Math.Min(smallest, values[i]);
        }

        var target = new Vector<float>(smallest);
        for (int v = 0; v < vectors.Length; v++)
        {
            if (Vector.EqualsAny(vectors[v], target))
            {
                return (v * Vector<float>.Count) + values.Slice(v * Vector<float>.Count, Vector<float>.Count).IndexOf(smallest);
            }
        }

        return whole + values[whole..].IndexOf(smallest);
    }

    /// <summary>Entries around the smallest that a long selection offers first.</summary>
    internal const int SeedLength = 64;

    /// <summary>From this length on, a selection is seeded (<see cref="SeedLength"/>).</summary>
    internal const int SeededLength = 4096;

    // Offers entries start..end - 1 to a full heap (its worst kept distance is the skip bound), whole vectors skipped
    // when no lane can enter, then the tail one by one (Offer is not idempotent, so no back-shifted vector). Entries
    // equal to the worst kept distance can enter only before the kept ones' indices (admitTies: the range before a seed).
    private static void SelectNearestRange(ReadOnlySpan<float> dist, int start, int end, ref NearestHeap heap, bool admitTies)
    {
        ReadOnlySpan<float> range = dist[..end];
        if (Vector512.IsHardwareAccelerated && end - start >= Vector512<float>.Count)
        {
            start = SelectNearestV512(range, start, ref heap, admitTies);
        }
        else if (Vector256.IsHardwareAccelerated && end - start >= Vector256<float>.Count)
        {
            start = SelectNearestV256(range, start, ref heap, admitTies);
        }
        else if (Vector128.IsHardwareAccelerated && end - start >= Vector128<float>.Count)
        {
            start = SelectNearestV128(range, start, ref heap, admitTies);
        }

        for (int i = start; i < end; i++)
        {
            heap.Offer(dist[i], i);
        }
    }

    /// <summary>
    /// The same k nearest as <see cref="SelectNearest"/> when k is a large share of n (a window search with k x A
    /// candidates): each entry becomes the 64-bit key (distance bits, index), a quickselect finds the k-th smallest key
    /// in O(n) expected time, and one pass in index order writes every index whose key is at most it. Writes
    /// <paramref name="destination"/> in ascending index order (not distance order) and returns the k-th distance.
    /// Distances must be finite and non-negative (their bits then order as integers). <paramref name="keys"/> needs n
    /// entries and is overwritten.
    /// </summary>
    public static float SelectNearestByKey(ReadOnlySpan<float> dist, Span<ulong> keys, Span<int> destination)
    {
        int n = dist.Length;
        int k = destination.Length;
        if (k < 1 || k > n || keys.Length < n)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"must hold 1 to {n} entries (has {k}) with {n} key slots (has {keys.Length}).");
        }

        keys = keys[..n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = Key(dist[i], i);
        }

        ulong kth = NthSmallest(keys, k - 1);
        int written = 0;
        for (int i = 0; i < n && written < k; i++)
        {
            if (Key(dist[i], i) <= kth)
            {
                destination[written++] = i;
            }
        }

        return BitConverter.UInt32BitsToSingle((uint)(kth >> 32));
    }

    /// <summary>
    /// <see cref="SelectNearestByKey"/> for a window of locations with <paramref name="group"/> consecutive entries each
    /// (the anchors of one location), ranking <c>n / group</c> locations instead of n entries. When every location's
    /// entries hold one distance bit for bit (its anchors share a centre), in (distance, index) order the entries come
    /// location by location, so the k nearest are the first <c>k / group</c> locations in (distance, location) order plus
    /// the first <c>k % group</c> entries of the next. When some differ (centres a rounding apart) and k is a multiple of
    /// the group, locations are ranked by their nearest entry, and the choice stands only if the chosen locations'
    /// farthest entry is strictly nearer than every other location's nearest. Same output as
    /// <see cref="SelectNearestByKey"/>: ascending indices, the k-th distance in <paramref name="kth"/>. Returns false,
    /// with nothing written, when neither case holds. <paramref name="keys"/> needs <c>2 n / group</c> entries (keys, then
    /// each location's range).
    /// </summary>
    public static bool TrySelectNearestGroups(ReadOnlySpan<float> dist, int group, Span<ulong> keys, Span<int> destination, out float kth)
    {
        int n = dist.Length;
        int k = destination.Length;
        if (group < 1 || n % group != 0 || k < 1 || k > n || keys.Length < 2L * (n / group))
        {
            ThrowHelper.ThrowArgument(nameof(group), $"must divide the {n} distances into groups (is {group}), with 1 to {n} destination entries (has {k}) and 2 x {n} / {group} key slots (has {keys.Length}).");
        }

        int locations = n / group;
        Span<ulong> ranges = keys.Slice(locations, locations);
        bool shared = true;
        for (int location = 0; location < locations; location++)
        {
            // The bits of the location's nearest and farthest distance (finite and >= 0: bits order as integers).
            ReadOnlySpan<uint> bits = MemoryMarshal.Cast<float, uint>(dist.Slice(location * group, group));
            uint nearest = bits[0];
            uint farthest = bits[0];
            for (int i = 1; i < bits.Length; i++)
            {
                nearest = Math.Min(nearest, bits[i]);
                farthest = Math.Max(farthest, bits[i]);
            }

            shared &= nearest == farthest;
            keys[location] = Key(nearest, location);
            ranges[location] = ((ulong)farthest << 32) | nearest;
        }

        int whole = k / group;
        int rest = k % group;
        kth = 0;
        if (!shared && rest != 0)
        {
            return false;
        }

        ulong last = NthSmallest(keys[..locations], rest == 0 ? whole - 1 : whole);
        uint kthBits = (uint)(last >> 32);
        if (!shared)
        {
            uint farthestChosen = 0;
            uint nearestOther = uint.MaxValue;
            for (int location = 0; location < locations; location++)
            {
                uint nearest = (uint)ranges[location];
                if (Key(nearest, location) <= last)
                {
                    farthestChosen = Math.Max(farthestChosen, (uint)(ranges[location] >> 32));
                }
                else
                {
                    nearestOther = Math.Min(nearestOther, nearest);
                }
            }

            if (farthestChosen >= nearestOther)
            {
                return false;
            }

            kthBits = farthestChosen;
        }

        int written = 0;
        for (int location = 0; written < k; location++)
        {
            ulong key = Key((uint)ranges[location], location);
            if (key <= last)
            {
                // The last location ranked (the k-th entry's) gives only its first k % group entries.
                int take = key == last && rest != 0 ? rest : group;
                for (int i = location * group, end = i + take; i < end; i++)
                {
                    destination[written++] = i;
                }
            }
        }

        kth = BitConverter.UInt32BitsToSingle(kthBits);
        return true;
    }

    private static ulong Key(float distance, int index) => Key(BitConverter.SingleToUInt32Bits(distance), index);

    // Distances are finite and >= 0, so their bits order as the distances do.
    private static ulong Key(uint distanceBits, int index) => ((ulong)distanceBits << 32) | (uint)index;

    // Hoare quickselect with a median-of-three pivot (keys are distinct); after 2 log2(n) + 8 rounds without
    // converging it sorts what is left, so the worst case stays O(n log n).
    private static ulong NthSmallest(Span<ulong> a, int nth)
    {
        int lo = 0;
        int hi = a.Length - 1;
        int budget = (2 * BitOperations.Log2((uint)a.Length)) + 8;
        while (hi > lo)
        {
            if (budget-- == 0)
            {
                a[lo..(hi + 1)].Sort();
                break;
            }

            int mid = lo + ((hi - lo) / 2);
            ulong pivot = Math.Max(Math.Min(a[lo], a[mid]), Math.Min(Math.Max(a[lo], a[mid]), a[hi]));
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }

                while (a[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (nth <= j)
            {
                hi = j;
            }
            else if (nth >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return a[nth];
    }

    /// <summary>Scalar reference for the selection: every element goes through the heap.</summary>
    public static void SelectNearestScalar(ReadOnlySpan<float> dist, Span<float> heapDist, Span<int> heapIndex, Span<int> destination)
    {
        int k = destination.Length;
        var heap = new NearestHeap(heapDist[..k], heapIndex[..k]);
        for (int i = 0; i < dist.Length; i++)
        {
            heap.Offer(dist[i], i);
        }

        heap.DrainSorted(destination);
    }

    // The lanes that may enter: below the worst kept distance, or equal to it when their index can win the tie.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Enters(Vector128<float> d, Vector128<float> worst, bool admitTies) => admitTies ? Vector128.LessThanOrEqual(d, worst) : Vector128.LessThan(d, worst);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Enters(Vector256<float> d, Vector256<float> worst, bool admitTies) => admitTies ? Vector256.LessThanOrEqual(d, worst) : Vector256.LessThan(d, worst);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Enters(Vector512<float> d, Vector512<float> worst, bool admitTies) => admitTies ? Vector512.LessThanOrEqual(d, worst) : Vector512.LessThan(d, worst);

    // Each returns the first index it did not examine; the caller finishes the tail in scalar code.
    // Internal rather than private so the tests can run every width in-process.
    internal static int SelectNearestV128(ReadOnlySpan<float> dist, int start, ref NearestHeap heap, bool admitTies)
    {
        ref float d = ref MemoryMarshal.GetReference(dist);
        int i = start;
        for (; i <= dist.Length - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            uint hits = Enters(Vector128.LoadUnsafe(ref d, (nuint)i), Vector128.Create(heap.WorstDistance), admitTies).ExtractMostSignificantBits();
            while (hits != 0)
            {
                int lane = BitOperations.TrailingZeroCount(hits);
                heap.Offer(dist[i + lane], i + lane);
                hits &= hits - 1;
            }
        }

        return i;
    }

    internal static int SelectNearestV256(ReadOnlySpan<float> dist, int start, ref NearestHeap heap, bool admitTies)
    {
        ref float d = ref MemoryMarshal.GetReference(dist);
        int i = start;
        for (; i <= dist.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            uint hits = Enters(Vector256.LoadUnsafe(ref d, (nuint)i), Vector256.Create(heap.WorstDistance), admitTies).ExtractMostSignificantBits();
            while (hits != 0)
            {
                int lane = BitOperations.TrailingZeroCount(hits);
                heap.Offer(dist[i + lane], i + lane);
                hits &= hits - 1;
            }
        }

        return i;
    }

    internal static int SelectNearestV512(ReadOnlySpan<float> dist, int start, ref NearestHeap heap, bool admitTies)
    {
        ref float d = ref MemoryMarshal.GetReference(dist);
        int i = start;

        // Four vectors per test while nothing enters (the common case once the heap is tight), the bound in a register.
        Vector512<float> worst = Vector512.Create(heap.WorstDistance);
        for (; i <= dist.Length - (4 * Vector512<float>.Count); i += 4 * Vector512<float>.Count)
        {
            Vector512<float> any = Enters(Vector512.LoadUnsafe(ref d, (nuint)i), worst, admitTies)
                | Enters(Vector512.LoadUnsafe(ref d, (nuint)(i + 16)), worst, admitTies)
                | Enters(Vector512.LoadUnsafe(ref d, (nuint)(i + 32)), worst, admitTies)
                | Enters(Vector512.LoadUnsafe(ref d, (nuint)(i + 48)), worst, admitTies);
            if (any == Vector512<float>.Zero)
            {
                continue;
            }

            for (int v = i; v < i + (4 * Vector512<float>.Count); v += Vector512<float>.Count)
            {
                ulong hits = Enters(Vector512.LoadUnsafe(ref d, (nuint)v), Vector512.Create(heap.WorstDistance), admitTies).ExtractMostSignificantBits();
                for (; hits != 0; hits &= hits - 1)
                {
                    int lane = BitOperations.TrailingZeroCount(hits);
                    heap.Offer(dist[v + lane], v + lane);
                }
            }

            worst = Vector512.Create(heap.WorstDistance);
        }

        for (; i <= dist.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            ulong hits = Enters(Vector512.LoadUnsafe(ref d, (nuint)i), Vector512.Create(heap.WorstDistance), admitTies).ExtractMostSignificantBits();
            while (hits != 0)
            {
                int lane = BitOperations.TrailingZeroCount(hits);
                heap.Offer(dist[i + lane], i + lane);
                hits &= hits - 1;
            }
        }

        return i;
    }
}
