namespace Atss.Cli.Coco;

/// <summary>
/// The images of a COCO annotation file, their annotations grouped by image, and the category list. Annotations stay
/// where the reader stored them (file order); an index array lists them image by image, so grouping copies no records.
/// </summary>
internal sealed class CocoDataset
{
    private readonly CocoImage[] _images;
    private readonly ChunkedList<CocoAnnotation> _annotations;
    private readonly int[] _order;
    private readonly int[] _categoryIds;
    private readonly Dictionary<int, int> _labels;
    private readonly Dictionary<int, string> _categoryNames;

    /// <param name="source">Where the annotations came from.</param>
    /// <param name="images">The images; each one's <see cref="CocoImage.FirstAnnotation"/> indexes <paramref name="order"/>.</param>
    /// <param name="annotations">The annotations in file order.</param>
    /// <param name="order">Indices into <paramref name="annotations"/>, image by image.</param>
    /// <param name="categoryIds">The category ids, increasing.</param>
    /// <param name="categoryNames">Names by category id.</param>
    public CocoDataset(string source, CocoImage[] images, ChunkedList<CocoAnnotation> annotations, int[] order, int[] categoryIds, Dictionary<int, string> categoryNames)
    {
        Source = source;
        _images = images;
        _annotations = annotations;
        _order = order;
        _categoryIds = categoryIds;
        _categoryNames = categoryNames;
        _labels = new Dictionary<int, int>(categoryIds.Length);
        for (int i = 0; i < categoryIds.Length; i++)
        {
            _labels[categoryIds[i]] = i;
        }
    }

    /// <summary>Where the annotations came from (a path, or the embedded resource's name).</summary>
    public string Source { get; }

    /// <summary>The images, in file order.</summary>
    public ReadOnlySpan<CocoImage> Images => _images;

    /// <summary>Number of annotations in the file.</summary>
    public int AnnotationCount => _order.Length;

    /// <summary>The category ids in increasing order; a category's training label is its index here (MMDetection's <c>cat2label</c>).</summary>
    public ReadOnlySpan<int> CategoryIds => _categoryIds;

    /// <summary>The annotations of one image.</summary>
    public AnnotationList AnnotationsOf(in CocoImage image) => new(_annotations, _order, image.FirstAnnotation, image.AnnotationCount);

    /// <summary>The contiguous training label of a COCO category, or false when the file does not list the category.</summary>
    public bool TryGetLabel(int categoryId, out int label) => _labels.TryGetValue(categoryId, out label);

    /// <summary>The category's name from <c>categories</c>, or its id when the file gives no name.</summary>
    public string CategoryName(int categoryId)
        => _categoryNames.TryGetValue(categoryId, out string? name) ? name : $"category {categoryId}";

    /// <summary>The index of the image with COCO id <paramref name="id"/>, or -1.</summary>
    public int IndexOfImage(long id)
    {
        for (int i = 0; i < _images.Length; i++)
        {
            if (_images[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
