using Atss.Cli.CommandLine;
using Atss.Cli.Recipe;
using Atss.Cli.Strategies;

namespace Atss.Cli.Commands;

/// <summary>The options <c>stats</c> and <c>draw</c> share: the input, the strategies and the training recipe.</summary>
internal sealed class AssignmentOptions
{
    public const string Usage = """
          --annotations FILE   COCO instances JSON, streamed (default: the embedded 100-image COCO val2014 subset)
          --strategy LIST      strategies to run (atss, retinanet, fcos, topk), comma-separated or repeated;
                               NAME or NAME:CONVENTION (for example atss,atss:paper); default atss
          --convention NAME    mmdetection (default): MMDetection's configs, pipeline and priors
                               paper: the paper's code (legacy +1 IoU, its anchors, resize and box conversion)
          --resize S,L         training resize: shorter side S, longer side at most L (default 800,1333);
                               'none' keeps the original size (padded to 32)
          --topk N             candidates per level, k (default: the strategy's own, 9 for atss)
          --ignore-iof T       atss, retinanet: ignore priors whose IoF with a crowd box exceeds T
                               (default: off, as in the configs)
        """;

    private readonly List<string> _strategies = [];

    public string? AnnotationsPath { get; private set; }

    public Convention Convention { get; private set; } = Convention.MmDetection;

    public int? TopK { get; private set; }

    public ResizeScale Resize { get; private set; } = ResizeScale.Default;

    public float? IgnoreIof { get; private set; }

    /// <summary>Number of strategy items given (0 means the default, atss).</summary>
    public int StrategyCount => _strategies.Count;

    /// <summary>Reads the current option if it is one of these; false otherwise.</summary>
    /// <exception cref="UsageException">The option's value is invalid.</exception>
    public bool TryRead(OptionReader reader)
    {
        switch (reader.Name)
        {
            case "--annotations":
                AnnotationsPath = reader.Value();
                return true;
            case "--strategy":
            case "--strategies":
                foreach (string item in reader.Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    _strategies.Add(item);
                }

                return true;
            case "--convention":
                Convention = ConventionNames.Parse(reader.Value(), "--convention");
                return true;
            case "--resize":
                Resize = ResizeScale.Parse(reader.Value());
                return true;
            case "--topk":
                TopK = reader.IntValue(1, 100_000);
                return true;
            case "--ignore-iof":
                IgnoreIof = reader.FloatValue(0f, 1f);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The strategies as columns, in the order given (atss when none was given).</summary>
    /// <exception cref="UsageException">An unknown strategy or convention, or the same column twice.</exception>
    public AssignmentColumn[] CreateColumns()
    {
        var specs = new List<StrategySpec>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string item in _strategies.Count == 0 ? ["atss"] : _strategies)
        {
            StrategySpec spec = StrategySpec.Parse(item, Convention);
            if (!names.Add(spec.DisplayName))
            {
                throw new UsageException($"strategy '{spec.DisplayName}' is given twice.");
            }

            specs.Add(spec);
        }

        return AssignmentColumn.Create(specs, TopK, IgnoreIof, Resize);
    }
}
