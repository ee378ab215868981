// libFuzzer target (`make fuzz`): FuzzEntryPoints.slug on arbitrary bytes.
import FuzzSupport
import PlanSite

runFuzzer(FuzzEntryPoints.slug)
