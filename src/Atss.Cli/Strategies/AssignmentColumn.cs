using Atss.Cli.CommandLine;
using Atss.Cli.Recipe;

namespace Atss.Cli.Strategies;

/// <summary>
/// One strategy as run by a command (a column of the side-by-side tables): its name, assigner and priors, and the
/// training recipe of its convention.
/// </summary>
internal sealed class AssignmentColumn
{
    private readonly PriorCache _priors;

    public AssignmentColumn(string name, StrategySetup setup, TrainingRecipe recipe)
    {
        Name = name;
        Setup = setup;
        Recipe = recipe;
        _priors = new PriorCache(setup.Generator);
    }

    public string Name { get; }

    public StrategySetup Setup { get; }

    public TrainingRecipe Recipe { get; }

    public PriorAssigner Assigner => Setup.Assigner;

    /// <summary>Stride of each FPN level of the strategy's priors.</summary>
    public ReadOnlySpan<int> Strides => Setup.Generator.Strides;

    /// <summary>Distinct padded sizes seen so far (one prior set each).</summary>
    public int PriorSetCount => _priors.DistinctSizes;

    /// <summary>Builds one column per spec; specs of the same convention share one recipe instance.</summary>
    public static AssignmentColumn[] Create(IReadOnlyList<StrategySpec> specs, int? topK, float? ignoreIof, ResizeScale scale)
    {
        var recipes = new Dictionary<Convention, TrainingRecipe>();
        var columns = new AssignmentColumn[specs.Count];
        for (int i = 0; i < specs.Count; i++)
        {
            StrategySpec spec = specs[i];
            if (!recipes.TryGetValue(spec.Convention, out TrainingRecipe? recipe))
            {
                recipe = TrainingRecipe.Create(spec.Convention, scale);
                recipes.Add(spec.Convention, recipe);
            }

            StrategySetup setup = spec.Entry.Create(new StrategyParameters(spec.Convention, topK, ignoreIof));
            columns[i] = new AssignmentColumn(spec.DisplayName, setup, recipe);
        }

        return columns;
    }

    /// <summary>The priors of an image of the given resized geometry.</summary>
    /// <exception cref="InputException">The image is too large for priors (for example with <c>--resize none</c>).</exception>
    public PriorSet PriorsFor(ResizedImage size, long imageId, string source)
    {
        try
        {
            return _priors.Get(size.PaddedHeight, size.PaddedWidth);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{source}: image {imageId}: its padded size {size.PaddedWidth} x {size.PaddedHeight} cannot be tiled with priors ({e.Message})", e);
        }
    }
}
