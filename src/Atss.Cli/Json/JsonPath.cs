namespace Atss.Cli.Json;

/// <summary>
/// Where a value sits in a COCO file, such as <c>$.annotations[12].bbox[3]</c>: kept as parts and formatted only
/// when an error message needs it, so parsing a million elements builds no path strings.
/// </summary>
/// <param name="Array">The top-level array (<c>images</c>, <c>annotations</c>, <c>categories</c>).</param>
/// <param name="Index">The element's index in that array.</param>
/// <param name="Member">A member of the element, or null for the element itself.</param>
/// <param name="Item">An index into the member's array, or -1.</param>
internal readonly record struct JsonPath(string Array, int Index, string? Member = null, int Item = -1)
{
    public override string ToString()
        => Member is null ? $"$.{Array}[{Index}]"
            : Item < 0 ? $"$.{Array}[{Index}].{Member}"
            : $"$.{Array}[{Index}].{Member}[{Item}]";
}
