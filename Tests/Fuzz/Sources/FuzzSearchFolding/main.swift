// libFuzzer target (`make fuzz`): FuzzEntryPoints.searchFolding on arbitrary bytes.
import FuzzSupport
import PlanSite

runFuzzer(FuzzEntryPoints.searchFolding)
