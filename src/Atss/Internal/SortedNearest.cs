using System.Runtime.CompilerServices;

namespace Atss;

/// <summary>
/// The k smallest (distance, position) keys seen so far, kept sorted by insertion: for the small k of a window search
/// this beats a heap and needs no final sort. Positions must be offered in increasing order, so an equal distance
/// never displaces an earlier key (the lower-index tie rule).
/// </summary>
internal ref struct SortedNearest
{
    private readonly Span<float> _dist;
    private readonly Span<int> _pos;
    private int _count;

    public SortedNearest(Span<float> dist, Span<int> pos)
    {
        _dist = dist;
        _pos = pos;
        _count = 0;
    }

    public readonly float Worst => _count == _dist.Length ? _dist[_count - 1] : float.PositiveInfinity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(float d, int pos)
    {
        if (d < Worst)
        {
            Insert(d, pos);
        }
    }

    private void Insert(float d, int pos)
    {
        int i = _count < _dist.Length ? _count++ : _count - 1;
        while (i > 0 && _dist[i - 1] > d)
        {
            _dist[i] = _dist[i - 1];
            _pos[i] = _pos[i - 1];
            i--;
        }

        _dist[i] = d;
        _pos[i] = pos;
    }
}
