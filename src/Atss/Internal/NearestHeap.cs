using System.Runtime.CompilerServices;

namespace Atss;

/// <summary>
/// A bounded max-heap over (distance, prior index) that keeps the k smallest keys seen. Keys are compared
/// lexicographically, so equal distances keep the lower prior index: the library's documented tie rule.
/// Storage is borrowed from the workspace; the struct itself holds no heap memory.
/// </summary>
internal ref struct NearestHeap
{
    private readonly Span<float> _dist;
    private readonly Span<int> _index;
    private int _count;

    public NearestHeap(Span<float> dist, Span<int> index)
    {
        _dist = dist;
        _index = index;
        _count = 0;
    }

    /// <summary>The worst kept distance; only keys strictly below it (or equal with a lower index) can enter.</summary>
    public readonly float WorstDistance => _dist[0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(float d, int i)
    {
        if (_count < _dist.Length)
        {
            SiftUp(_count++, d, i);
        }
        else if (Less(d, i, _dist[0], _index[0]))
        {
            SiftDown(d, i);
        }
    }

    /// <summary>Writes the kept indices in increasing (distance, index) order and empties the heap.</summary>
    public void DrainSorted(Span<int> destination)
    {
        for (int n = _count - 1; n >= 0; n--)
        {
            destination[n] = _index[0];
            float d = _dist[n];
            int i = _index[n];
            _count = n;
            if (n > 0)
            {
                SiftDown(d, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(float d1, int i1, float d2, int i2) => d1 < d2 || (d1 == d2 && i1 < i2);

    private readonly void SiftUp(int pos, float d, int i)
    {
        while (pos > 0)
        {
            int parent = (pos - 1) >> 1;
            if (!Less(_dist[parent], _index[parent], d, i))
            {
                break;
            }

            _dist[pos] = _dist[parent];
            _index[pos] = _index[parent];
            pos = parent;
        }

        _dist[pos] = d;
        _index[pos] = i;
    }

    // Replaces the root with (d, i) and restores the max-heap order over the first _count entries.
    private readonly void SiftDown(float d, int i)
    {
        int pos = 0;
        int n = _count;
        while (true)
        {
            int child = (2 * pos) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && Less(_dist[child], _index[child], _dist[child + 1], _index[child + 1]))
            {
                child++;
            }

            if (!Less(d, i, _dist[child], _index[child]))
            {
                break;
            }

            _dist[pos] = _dist[child];
            _index[pos] = _index[child];
            pos = child;
        }

        _dist[pos] = d;
        _index[pos] = i;
    }
}
