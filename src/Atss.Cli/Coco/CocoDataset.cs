namespace Atss.Cli.Coco;

/// <summary>The images of a COCO annotation file and its category list.</summary>
internal sealed class CocoDataset
{
    private readonly Dictionary<int, int> _labels;

    public CocoDataset(string source, IReadOnlyList<CocoImage> images, IReadOnlyList<int> categoryIds)
    {
        Source = source;
        Images = images;
        CategoryIds = categoryIds;
        _labels = new Dictionary<int, int>(categoryIds.Count);
        for (int i = 0; i < categoryIds.Count; i++)
        {
            _labels[categoryIds[i]] = i;
        }
    }

    /// <summary>Where the annotations came from (a path, or the embedded resource's name).</summary>
    public string Source { get; }

    /// <summary>The images, in file order.</summary>
    public IReadOnlyList<CocoImage> Images { get; }

    /// <summary>The category ids in increasing order; a category's training label is its index here (MMDetection's <c>cat2label</c>).</summary>
    public IReadOnlyList<int> CategoryIds { get; }

    /// <summary>The contiguous training label of a COCO category, or false when the file does not list the category.</summary>
    public bool TryGetLabel(int categoryId, out int label) => _labels.TryGetValue(categoryId, out label);
}
