// libFuzzer target (`make fuzz`): FuzzEntryPoints.planFile on arbitrary bytes.
import FuzzSupport
import PlanSite

runFuzzer(FuzzEntryPoints.planFile)
