import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_BEDS_PER_KIND } from '@oxyledger/domain';
import { OccurredAtDto } from '../../../ledger/cylinders/commands/change-cylinder/change-cylinder.dto';

const count = (description: string): PropertyDecorator => {
  const decorators = [
    ApiProperty({ minimum: 0, maximum: MAX_BEDS_PER_KIND, description }),
    IsInt(),
    Min(0),
    Max(MAX_BEDS_PER_KIND),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
};

export class SetHospitalBedsDto extends OccurredAtDto {
  @count('General ward beds.')
  general!: number;

  @count('ICU, theatre and emergency beds.')
  icu!: number;

  @count('Neonatal beds.')
  neonatal!: number;
}

export class ReportOxygenCensusDto extends OccurredAtDto {
  @count('Patients on oxygen now with severe disease.')
  severe!: number;

  @count('Patients on oxygen now in critical condition.')
  critical!: number;
}
