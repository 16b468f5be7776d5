namespace Atss.Cli.Coco;

/// <summary>The annotations of one image, in file order: a view through the dataset's grouping order, copying nothing.</summary>
internal readonly struct AnnotationList
{
    private readonly ChunkedList<CocoAnnotation> _store;
    private readonly int[] _order;
    private readonly int _first;

    public AnnotationList(ChunkedList<CocoAnnotation> store, int[] order, int first, int count)
    {
        _store = store;
        _order = order;
        _first = first;
        Count = count;
    }

    public int Count { get; }

    public CocoAnnotation this[int index]
        => (uint)index < (uint)Count ? _store[_order[_first + index]] : throw new ArgumentOutOfRangeException(nameof(index), index, $"expected 0 to {Count - 1}");

    public CocoAnnotation[] ToArray()
    {
        var result = new CocoAnnotation[Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = this[i];
        }

        return result;
    }
}
