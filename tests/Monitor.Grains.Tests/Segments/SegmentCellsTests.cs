using Monitor.Grains.Outcomes;
using Monitor.Grains.Segments;

namespace Monitor.Grains.Tests.Segments;

/// <summary>A key's values as the join index holds them: a byte per prediction, resolved back to the value at join time.</summary>
public sealed class SegmentCellsTests
{
    [Fact]
    public void A_value_keeps_its_cell_and_resolves_back_to_itself()
    {
        var cells = new SegmentCells();
        var de = cells.CellOf("DE", 1000, _ => true);
        var fr = cells.CellOf("FR", 1000, _ => true);

        Assert.NotEqual(0, de);
        Assert.NotEqual(de, fr);
        Assert.Equal(de, cells.CellOf("DE", 2000, _ => true));
        Assert.Equal("DE", cells.ValueOf(de, 1500));
        Assert.Equal(0, cells.CellOf(null, 1000, _ => true));
        Assert.Null(cells.ValueOf(0, 1000));
    }

    [Fact]
    public void A_cell_given_to_a_new_value_no_longer_resolves_for_predictions_made_before()
    {
        var cells = new SegmentCells();
        for (var i = 0; i < SegmentCells.Count; i++)
        {
            cells.CellOf($"v{i}", 1000, _ => true);
        }

        // Every cell is taken; only v7 is no longer tracked, so the newcomer takes its cell.
        var taken = cells.CellOf("new", 5000, value => value != "v7");
        Assert.Equal("new", cells.ValueOf(taken, 5000));
        Assert.Null(cells.ValueOf(taken, 1000));

        // While every value is tracked a newcomer gets no cell (its labels count under "other").
        Assert.Equal(0, cells.CellOf("another", 6000, _ => true));
    }

    [Fact]
    public void The_page_restores_the_cells()
    {
        var cells = new SegmentCells();
        var de = cells.CellOf("DE", 1000, _ => true);
        var restored = SegmentCells.FromPage(cells.StoredValues(), cells.StoredSinceMs());

        Assert.Equal("DE", restored.ValueOf(de, 1000));
        Assert.Equal(de, restored.CellOf("DE", 1000, _ => true));
        Assert.NotEqual(de, restored.CellOf("FR", 1000, _ => true));
        Assert.Null(SegmentCells.FromPage(null, null).ValueOf(de, 1000));
    }

    [Fact]
    public void The_join_index_stores_each_predictions_cells_and_reads_an_index_stored_without_them()
    {
        var index = new PredictionIndex(100, TimeSpan.FromDays(1));
        index.Add(PredictionIdHash.Of("a"), 1000, 0.9, 1, -1, failed: false, segments: 0x0201);
        var restored = PredictionIndex.Restore(index.Snapshot());
        Assert.True(restored.TryFind(PredictionIdHash.Of("a"), out var slot));
        Assert.Equal(0x0201u, restored.SegmentsOf(slot));

        // Format 1 had no cells column: its predictions are in no segment.
        var snapshot = index.Snapshot();
        var packed = snapshot.Packed[..^sizeof(uint)];
        packed[0] = 1;
        var old = PredictionIndex.Restore(new PredictionIndexSnapshot { Capacity = 100, HorizonMs = snapshot.HorizonMs, Packed = packed });
        Assert.True(old.TryFind(PredictionIdHash.Of("a"), out slot));
        Assert.Equal(0u, old.SegmentsOf(slot));
        Assert.Equal(1000, old.TimeOf(slot));
    }
}
