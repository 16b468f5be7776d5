namespace Atss.Cli.Coco;

/// <summary>
/// Collects compact image and annotation records while <see cref="CocoReader"/> streams a file, then orders the
/// annotations by image. One builder builds one dataset. Annotations may come before the images they refer to; those are resolved at the end.
/// </summary>
internal sealed class CocoDatasetBuilder(string source)
{
    private readonly List<CocoImage> _images = [];
    private readonly Dictionary<long, int> _imageIndex = [];
    private readonly ChunkedList<CocoAnnotation> _annotations = new();

    // Image index of each annotation, or ~k for the k-th pending reference (an image id not seen yet).
    private readonly ChunkedList<int> _owners = new();
    private readonly List<PendingReference> _pending = [];
    private readonly List<int> _listedCategories = [];
    private readonly HashSet<int> _listedCategorySet = [];
    private readonly Dictionary<int, string> _categoryNames = [];
    private readonly HashSet<int> _usedCategories = [];

    /// <summary>True once the whole <c>images</c> array has been read: an unknown image id is then an error at once.</summary>
    public bool ImagesComplete { get; set; }

    public bool SawImages { get; set; }

    public bool SawAnnotations { get; set; }

    public bool SawCategories { get; set; }

    public int ImageCount => _images.Count;

    public int AnnotationCount => _annotations.Count;

    /// <summary>Adds an image; false (and the index of the earlier image) when its id is already taken.</summary>
    public bool TryAddImage(long id, int width, int height, string? fileName, out int existingIndex)
    {
        if (!_imageIndex.TryAdd(id, _images.Count))
        {
            existingIndex = _imageIndex[id];
            return false;
        }

        existingIndex = -1;
        _images.Add(new CocoImage(id, width, height, fileName, 0, 0));
        return true;
    }

    public bool TryGetImageIndex(long id, out int index) => _imageIndex.TryGetValue(id, out index);

    /// <summary>Adds an annotation of a known image.</summary>
    public void AddAnnotation(in CocoAnnotation annotation, int imageIndex)
    {
        _annotations.Add(annotation);
        _owners.Add(imageIndex);
        _usedCategories.Add(annotation.CategoryId);
    }

    /// <summary>Adds an annotation whose image has not been read yet; its position is reported if the image never comes.</summary>
    public void AddPendingAnnotation(in CocoAnnotation annotation, long imageId, long line, long column)
    {
        _pending.Add(new PendingReference(imageId, _annotations.Count, line, column));
        _owners.Add(~(_pending.Count - 1));
        _annotations.Add(annotation);
        _usedCategories.Add(annotation.CategoryId);
    }

    /// <summary>Adds a category; false when its id is already listed.</summary>
    public bool TryAddCategory(int id, string? name)
    {
        if (!_listedCategorySet.Add(id))
        {
            return false;
        }

        _listedCategories.Add(id);
        if (name is not null)
        {
            _categoryNames[id] = name;
        }

        return true;
    }

    /// <summary>Resolves pending references and orders annotations by image (a counting sort of indices, stable in file order).</summary>
    /// <exception cref="CocoFormatException">An annotation refers to an image id that no image has.</exception>
    public CocoDataset Build()
    {
        var counts = new int[_images.Count + 1];
        for (int a = 0; a < _owners.Count; a++)
        {
            ref int owner = ref _owners[a];
            if (owner < 0)
            {
                PendingReference pending = _pending[~owner];
                if (!_imageIndex.TryGetValue(pending.ImageId, out owner))
                {
                    throw new CocoFormatException($"{source}:{pending.Line}:{pending.Column}: $.annotations[{pending.AnnotationIndex}].image_id: is {pending.ImageId}, which no entry of $.images has.");
                }
            }

            counts[owner + 1]++;
        }

        _pending.Clear();
        for (int i = 1; i < counts.Length; i++)
        {
            counts[i] += counts[i - 1];
        }

        var images = new CocoImage[_images.Count];
        for (int i = 0; i < images.Length; i++)
        {
            images[i] = _images[i] with { FirstAnnotation = counts[i], AnnotationCount = counts[i + 1] - counts[i] };
        }

        var order = new int[_owners.Count];
        for (int a = 0; a < order.Length; a++)
        {
            order[counts[_owners[a]]++] = a;
        }

        // MMDetection labels categories by their order in the file's category list (sorted ids in COCO); without
        // a list, the ids the annotations use stand in for it.
        int[] categories = SawCategories ? [.. _listedCategories] : [.. _usedCategories];
        Array.Sort(categories);
        return new CocoDataset(source, images, _annotations, order, categories, _categoryNames);
    }

    private readonly record struct PendingReference(long ImageId, int AnnotationIndex, long Line, long Column);
}
