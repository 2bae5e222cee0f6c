namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>
/// Which of its two stored rows holds the current page of each page slot, for every family of pages a version
/// checkpoints; part of the core row. A checkpoint writes a changed page to the other row of its slot (the
/// spare), and the core row written after all pages names the spare current. So no row a stored core names is
/// written until a newer core has replaced it, and storage holds at most two rows per slot.
/// </summary>
[GenerateSerializer, Alias("monitor.PageTable")]
public sealed class PageTable
{
    // Per family, one bit per slot: set when the slot's current page is in its second row.
    [Id(0)] private Dictionary<string, ulong[]> _second = new(StringComparer.Ordinal);

    /// <summary>The row holding the slot's page as of this table's checkpoint.</summary>
    public string Current(string family, int slot) => Row(family, slot, IsSecond(family, slot));

    /// <summary>The row the next page of the slot goes to: one the stored checkpoint does not read.</summary>
    public string Spare(string family, int slot) => Row(family, slot, !IsSecond(family, slot));

    /// <summary>Makes the spare row of each slot its current one (or, called again, undoes that).</summary>
    public void Flip(IEnumerable<PageSlot> slots)
    {
        foreach (var (family, slot) in slots)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(slot);
            if (!_second.TryGetValue(family, out var bits) || bits.Length <= slot >> 6)
            {
                Array.Resize(ref bits, (slot >> 6) + 1);
                _second[family] = bits;
            }

            bits[slot >> 6] ^= 1UL << (slot & 63);
        }
    }

    /// <summary>
    /// A slot's first row has the name pages had before they had two rows ("window.fine.12"), so a checkpoint
    /// stored then reads back unchanged; the second is "window.fine.12.b".
    /// </summary>
    public static string Row(string family, int slot, bool second) => second ? $"{family}.{slot}.b" : $"{family}.{slot}";

    private bool IsSecond(string family, int slot) =>
        _second.TryGetValue(family, out var bits) && bits.Length > slot >> 6 && (bits[slot >> 6] & (1UL << (slot & 63))) != 0;
}
