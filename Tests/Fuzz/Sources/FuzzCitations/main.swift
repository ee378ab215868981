// libFuzzer target (`make fuzz`): FuzzEntryPoints.citations on arbitrary bytes.
import FuzzSupport
import PlanSite

runFuzzer(FuzzEntryPoints.citations)
