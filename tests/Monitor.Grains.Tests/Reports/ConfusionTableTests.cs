using Monitor.Grains.Outcomes;
using Monitor.Grains.Reports.Rendering;

namespace Monitor.Grains.Tests.Reports;

public sealed class ConfusionTableTests
{
    [Fact]
    public void True_classes_run_down_and_predicted_across_both_sorted_by_name()
    {
        var matrix = new ConfusionMatrix { Classes = ["b", "a"], Counts = [[1, 2], [3, 4]] };

        var (headers, rows) = ConfusionTable.Of(matrix);

        Assert.Equal(["true \\ predicted", "a", "b"], headers);
        Assert.Equal(["a", "4", "3"], rows[0]);
        Assert.Equal(["b", "2", "1"], rows[1]);
    }
}
