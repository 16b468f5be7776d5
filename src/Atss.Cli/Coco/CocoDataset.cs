namespace Atss.Cli.Coco;

/// <summary>The images of a COCO annotation file, their annotations grouped by image, and the category list.</summary>
internal sealed class CocoDataset
{
    private readonly CocoImage[] _images;
    private readonly CocoAnnotation[] _annotations;
    private readonly int[] _categoryIds;
    private readonly Dictionary<int, int> _labels;
    private readonly Dictionary<int, string> _categoryNames;

    public CocoDataset(string source, CocoImage[] images, CocoAnnotation[] annotations, int[] categoryIds, Dictionary<int, string> categoryNames)
    {
        Source = source;
        _images = images;
        _annotations = annotations;
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

    /// <summary>All annotations, grouped by image in image order, file order within an image.</summary>
    public ReadOnlySpan<CocoAnnotation> Annotations => _annotations;

    /// <summary>The category ids in increasing order; a category's training label is its index here (MMDetection's <c>cat2label</c>).</summary>
    public ReadOnlySpan<int> CategoryIds => _categoryIds;

    /// <summary>The annotations of one image.</summary>
    public ReadOnlySpan<CocoAnnotation> AnnotationsOf(in CocoImage image) => _annotations.AsSpan(image.FirstAnnotation, image.AnnotationCount);

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
