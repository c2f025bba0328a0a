"""The documents of the pipeline, as pydantic models.

- ``questionnaire``: what is asked (domains, questions, choices, risk rules);
- ``answers``: what a team answered, with its team facts (the answers file);
- ``assessment``: what the engine produces for one team and every renderer reads;
- ``org``: the organisation file, and the roll-up, comparison and history.

The first three are re-exported here, since every command that reads an answers file
needs them; the organisation models are imported from ``assess.models.org``.
"""

from assess.models.answers import (
    DEFAULT_TARGET,
    AnswerDetail,
    Answers,
    AnswerValue,
    Evidence,
    TargetLevel,
    TeamProfile,
)
from assess.models.assessment import (
    Alternative,
    AntiPattern,
    Assessment,
    DomainResult,
    Gap,
    Overall,
    QuestionnaireRef,
    QuestionResult,
    RiskFinding,
    RoadmapItem,
    Topology,
)
from assess.models.common import (
    ID_PATTERN,
    NA,
    QUESTION_ID_PATTERN,
    RESERVED_ANSWERS,
    SCHEMA_VERSION,
    UNSURE,
    Document,
    Effort,
    PatternId,
    Phase,
    Result,
    Risk,
)
from assess.models.questionnaire import (
    Domain,
    DomainAdvice,
    Guidance,
    Link,
    MultiChoice,
    MultiQuestion,
    Question,
    Questionnaire,
    RiskRule,
    SingleChoice,
    SingleQuestion,
    Topic,
)

__all__ = [
    "DEFAULT_TARGET",
    "ID_PATTERN",
    "NA",
    "QUESTION_ID_PATTERN",
    "RESERVED_ANSWERS",
    "SCHEMA_VERSION",
    "UNSURE",
    "Alternative",
    "AnswerDetail",
    "AnswerValue",
    "Answers",
    "AntiPattern",
    "Assessment",
    "Document",
    "Domain",
    "DomainAdvice",
    "DomainResult",
    "Effort",
    "Evidence",
    "Gap",
    "Guidance",
    "Link",
    "MultiChoice",
    "MultiQuestion",
    "Overall",
    "PatternId",
    "Phase",
    "Question",
    "QuestionResult",
    "Questionnaire",
    "QuestionnaireRef",
    "Result",
    "Risk",
    "RiskFinding",
    "RiskRule",
    "RoadmapItem",
    "SingleChoice",
    "SingleQuestion",
    "TargetLevel",
    "TeamProfile",
    "Topic",
    "Topology",
]
